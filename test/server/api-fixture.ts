// Helpers of the API tests that restart the server on the same store or need Tasks; the server
// itself is fixture.ts's serveEngine (re-exported here for them).
export { serveEngine } from './fixture.js';

/** A chain of `length` Pass states, each adding its index: a history of 2 * length + 2 events. */
export function passChain(length: number): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) {
    states[`S${i}`] = { Type: 'Pass', Result: i, ResultPath: `$.s${i}`, ...(i === length - 1 ? { End: true } : { Next: `S${i + 1}` }) };
  }
  return JSON.stringify({ StartAt: 'S0', States: states });
}
