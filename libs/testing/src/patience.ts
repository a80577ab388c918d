/**
 * How long a test waits, by default, for something that will happen (a bus reply, an event, a
 * row): 30 s. A wait that ends early costs nothing, so the bound is set for the slowest machine the
 * suite runs on, not for an idle one: CI shares 2 cores with a platform from `npm start`, and the
 * integration and e2e projects run with two Jest workers, each starting services. 10 s was seen to
 * run out under that load (50 concurrent identity resolutions). Jest's own limit per test is 120 s
 * (jest.config.js). Never use a wait to assert that something does NOT happen.
 */
export const TEST_PATIENCE_MS = 30_000;
