// What a promise rejected with, checked to be of the expected class (a resolved promise fails the
// test): the one helper behind every test's `failure(...)` / `rejection(...)`.
import { expect } from 'vitest';

export async function rejectionOf<T>(work: Promise<unknown>, expected: abstract new (...args: never[]) => T): Promise<T> {
  const thrown = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(thrown).toBeInstanceOf(expected);
  return thrown as T;
}
