// RFC 3339 timestamps as AWS reads them, including years 0000–0099 (which Date.UTC would shift to
// 1900–1999) and the bounds every Wait and Choice relies on.
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_SECONDS, parseRfc3339 } from '../../../src/core/timestamp.js';

const iso = (text: string): string | undefined => {
  const ms = parseRfc3339(text);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('parseRfc3339', () => {
  it.each([
    ['2024-02-29T12:00:00.5+01:00', '2024-02-29T11:00:00.500Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['0000-02-29T00:00:00Z', '0000-02-29T00:00:00.000Z'],
    ['0099-12-31T23:59:59-00:30', '0100-01-01T00:29:59.000Z'],
  ])('reads %s as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([['1900-02-29T00:00:00Z'], ['0001-02-29T00:00:00Z'], ['2026-13-01T00:00:00Z'], ['2026-01-01T00:00:00'], ['+275760-09-13T00:00:01Z']])('refuses %s', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
});

describe('MAX_WAIT_SECONDS', () => {
  it('is 366 days, the MaxDelaySeconds maximum', () => {
    expect(MAX_WAIT_SECONDS).toBe(366 * 86_400);
  });
});
