// inputFrom: every generated value is one the schema accepts; what it cannot honour is refused.
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { inputFrom, UnsupportedSchemaError } from '../../../src/testing/json-schema.js';

const schemas: Record<string, JsonValue> = {
  order: {
    type: 'object',
    properties: {
      orderId: { type: 'string', minLength: 3, maxLength: 8 },
      total: { type: 'number', minimum: 0, maximum: 99.5 },
      quantity: { type: 'integer', minimum: 1, maximum: 10 },
      express: { type: 'boolean' },
      note: { type: ['string', 'null'] },
      currency: { enum: ['EUR', 'USD'] },
      version: { const: 2 },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] }, minItems: 1, maxItems: 3 },
    },
    required: ['orderId', 'total', 'items'],
    additionalProperties: false,
  },
  longList: { type: 'array', items: { type: 'null' }, minItems: 7 },
  anything: {},
};

describe('inputFrom', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`generates only values the ${name} schema accepts`, () => {
      const validate = new Ajv({ strict: false }).compile(schema as object);
      for (const value of fc.sample(inputFrom(schema), { numRuns: 300, seed: 1 })) {
        expect(validate(value), JSON.stringify(value)).toBe(true);
      }
    });
  }

  it('also generates the optional properties, and leaves them out too', () => {
    const values = fc.sample(inputFrom(schemas['order'] ?? {}), { numRuns: 200, seed: 2 }) as Record<string, JsonValue>[];
    expect(values.some((value) => 'express' in value)).toBe(true);
    expect(values.some((value) => !('express' in value))).toBe(true);
    expect(new Set(values.map((value) => value['currency']).filter((c) => c !== undefined))).toEqual(new Set(['EUR', 'USD']));
  });

  it('refuses keywords outside the subset, naming them and where they are', () => {
    expect(() => inputFrom({ type: 'object', properties: { id: { type: 'string', pattern: '^o-' } } })).toThrow(UnsupportedSchemaError);
    expect(() => inputFrom({ type: 'object', properties: { id: { type: 'string', pattern: '^o-' } } })).toThrow('"pattern" at #/properties/id');
    expect(() => inputFrom({ anyOf: [{ type: 'string' }] })).toThrow('"anyOf" at #');
    expect(() => inputFrom({ type: 'date' })).toThrow('type: "date"');
  });
});
