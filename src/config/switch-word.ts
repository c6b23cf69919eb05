/** @module On/off switches, in the environment or config.yaml: one vocabulary, and any other word is refused (fail closed). */
/** The accepted words, as error messages and docs state them. */
export const SWITCH_WORDS = 'true/false, 1/0, yes/no or on/off';

const ON = new Set(['true', '1', 'yes', 'on']);
const OFF = new Set(['false', '0', 'no', 'off']);

/** A switch word read case-insensitively and trimmed: on, off, blank (unset), or invalid. */
export type SwitchReading = boolean | 'blank' | 'invalid';

export function readSwitch(text: string): SwitchReading {
  const word = text.trim().toLowerCase();
  if (word === '') return 'blank';
  if (ON.has(word)) return true;
  if (OFF.has(word)) return false;
  return 'invalid';
}
