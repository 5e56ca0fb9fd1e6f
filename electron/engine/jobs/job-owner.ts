/**
 * Whether an unfinished job record belongs to a job that is still running. Catalogs are local
 * folders, so the process that wrote a record runs on this machine and its pid answers. A record of
 * this very process that is not the caller's job was left by an engine that died inside it (a
 * restarted worker thread), since one process runs one job per catalog at a time.
 */
export function isRunningElsewhere(ownerPid: number | null): boolean {
  if (ownerPid === null || ownerPid === process.pid) return false;
  try {
    process.kill(ownerPid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
