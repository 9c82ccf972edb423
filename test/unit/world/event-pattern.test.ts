import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { matchesPattern, patternProblem } from '../../../src/world/event-pattern.js';

const EVENT: JsonObject = {
  source: 'shop.orders',
  'detail-type': 'OrderPlaced',
  resources: ['arn:aws:s3:::bucket/photo.png'],
  detail: { total: 120, currency: 'EUR', tags: ['rush', 'gift'], customer: { tier: 'gold', email: 'Ana@Example.com' }, note: null },
};

describe('event patterns', () => {
  it.each<[string, JsonValue, boolean]>([
    ['exact value', { source: ['shop.orders'] }, true],
    ['one of several values', { source: ['a', 'shop.orders'] }, true],
    ['wrong value', { source: ['shop.returns'] }, false],
    ['nested fields', { detail: { customer: { tier: ['gold'] } } }, true],
    ['array field: any element', { detail: { tags: ['gift'] } }, true],
    ['null value', { detail: { note: [null] } }, true],
    ['prefix', { source: [{ prefix: 'shop.' }] }, true],
    ['suffix', { resources: [{ suffix: '.png' }] }, true],
    ['prefix ignoring case', { detail: { customer: { email: [{ prefix: { 'equals-ignore-case': 'ana@' } }] } } }, true],
    ['equals-ignore-case', { detail: { currency: [{ 'equals-ignore-case': 'eur' }] } }, true],
    ['wildcard', { resources: [{ wildcard: 'arn:aws:s3:::*/*.png' }] }, true],
    ['anything-but a value', { detail: { currency: [{ 'anything-but': 'USD' }] } }, true],
    ['anything-but a list', { detail: { currency: [{ 'anything-but': ['EUR', 'USD'] }] } }, false],
    ['anything-but a prefix', { source: [{ 'anything-but': { prefix: 'shop.' } }] }, false],
    ['numeric range in', { detail: { total: [{ numeric: ['>', 100, '<=', 120] }] } }, true],
    ['numeric range out', { detail: { total: [{ numeric: ['<', 100] }] } }, false],
    ['numbers never match strings', { detail: { total: ['120'] } }, false],
    ['exists', { detail: { currency: [{ exists: true }] } }, true],
    ['does not exist', { detail: { coupon: [{ exists: false }] } }, true],
    ['missing field', { detail: { coupon: ['x'] } }, false],
    ['$or, one branch matching', { $or: [{ source: ['nope'] }, { detail: { total: [{ numeric: ['>=', 100] }] } }] }, true],
    ['$or, no branch matching', { $or: [{ source: ['nope'] }, { detail: { currency: ['USD'] } }] }, false],
    ['every field must match', { source: ['shop.orders'], detail: { currency: ['USD'] } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(patternProblem(pattern)).toBeUndefined();
    expect(matchesPattern(pattern as JsonObject, EVENT)).toBe(expected);
  });

  it('rejects patterns whose leaves are not lists', () => {
    expect(patternProblem({ source: 'shop.orders' })).toMatch(/field source/);
    expect(patternProblem([1])).toBeDefined();
    expect(patternProblem({ $or: [{ a: [1] }] })).toBeDefined();
  });
});
