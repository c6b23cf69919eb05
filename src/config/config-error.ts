/**
 * @module A bad config/config.yaml (exit 2), in a file of its own: the CLI's failure line needs the class on every
 * start, the YAML parser and the schema only when a command reads the config.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** @param excerpt The offending lines of the file, printed above the one-line message. */
  constructor(
    message: string,
    readonly excerpt?: string,
  ) {
    super(message);
  }
}
