/** A bearer token the gateway will not honour. Always answered 401 UNAUTHENTICATED. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';

  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
