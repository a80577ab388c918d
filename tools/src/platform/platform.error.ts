/** A launch problem the user can fix; its message is printed as is, without a stack trace. */
export class PlatformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformError';
  }
}
