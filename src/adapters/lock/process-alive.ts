/** @module Whether a pid names a live process (signal 0: nothing is sent, only the kernel's answer is read). */

/** True when the process exists, also when it belongs to another user (EPERM). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
