/**
 * Exits this process when the process that started it (the `npm start` launcher) is gone, so a
 * launcher killed without a chance to clean up leaves no services behind. Polls once a second
 * without keeping the event loop alive.
 */
export function exitWhenSupervisorDies(
  supervisorPid: number,
  close: () => Promise<void>,
  log: (message: Record<string, unknown>) => void,
): void {
  if (!supervisorPid) {
    return;
  }
  const timer = setInterval(() => {
    try {
      process.kill(supervisorPid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
        return;
      }
      clearInterval(timer);
      log({ msg: 'supervisor is gone; shutting down', supervisorPid });
      void close()
        .catch(() => undefined)
        .finally(() => process.exit(0));
    }
  }, 1000);
  timer.unref();
}
