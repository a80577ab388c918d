/**
 * Base of the GraphQL input builders: a spec names what matters to it with the builder's steps and
 * takes sensible values for the rest; `with` sets any field no step names. `build()` answers a
 * fresh copy each time, so one builder can make several inputs.
 */
export abstract class InputBuilder<T extends object> {
  protected constructor(protected input: T) {}

  with(fields: Partial<T>): this {
    this.input = { ...this.input, ...fields };
    return this;
  }

  /** Leaves a field out, as a client that never sent it. */
  without(...fields: (keyof T)[]): this {
    const input = { ...this.input };
    for (const field of fields) {
      delete input[field];
    }
    this.input = input;
    return this;
  }

  build(): T {
    return structuredClone(this.input);
  }
}
