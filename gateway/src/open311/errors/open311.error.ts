/** One entry of an Open311 error list (`[{code, description}]` / `<errors><error>`). */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * A refusal in Open311's terms: the HTTP status (404 unknown thing, 403 api key, 400 otherwise)
 * and every problem found, so a client can fix them all at once.
 */
export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[];

  constructor(
    readonly status: number,
    descriptions: string[],
  ) {
    super(descriptions.join('; '));
    this.name = 'Open311Error';
    this.errors = descriptions.map((description) => ({ code: status, description }));
  }

  static badRequest(...descriptions: string[]): Open311Error {
    return new Open311Error(400, descriptions);
  }

  static notFound(description: string): Open311Error {
    return new Open311Error(404, [description]);
  }

  static forbidden(description: string): Open311Error {
    return new Open311Error(403, [description]);
  }
}

/** Gathers problems with a request's parameters and throws them together. */
export class ProblemList {
  private readonly problems: string[] = [];

  add(description: string): void {
    this.problems.push(description);
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) {
      throw Open311Error.badRequest(...this.problems);
    }
  }
}
