// inputFrom: a fast-check arbitrary of the values a JSON Schema accepts, for the subset execution
// inputs usually need. Anything outside the subset throws UnsupportedSchemaError up front, naming
// the keyword, rather than generating values the schema would reject.
import fc from 'fast-check';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';

/** Keywords inputFrom understands; any other keyword (except annotations) is refused. */
const SUPPORTED = new Set([
  'type', 'properties', 'required', 'enum', 'const', 'items', 'minItems', 'maxItems',
  'minimum', 'maximum', 'minLength', 'maxLength', 'additionalProperties',
]);
/** Keywords that do not constrain values. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', '$comment']);

export class UnsupportedSchemaError extends Error {
  constructor(keyword: string, at: string) {
    super(`inputFrom: the JSON Schema keyword "${keyword}" at ${at} is not supported (supported: ${[...SUPPORTED].join(', ')})`);
    this.name = 'UnsupportedSchemaError';
  }
}

/**
 * The supported subset: type (object, array, string, number, integer, boolean, null, or a list of
 * them), properties, required, enum, const, items (one schema), minItems/maxItems,
 * minimum/maximum, minLength/maxLength, and additionalProperties: false (no extra keys are ever
 * generated anyway). Not supported: $ref, allOf/anyOf/oneOf/not, pattern, format, exclusive
 * bounds, multipleOf, tuple items, patternProperties, dependencies, if/then/else.
 */
export function inputFrom(schema: JsonValue): fc.Arbitrary<JsonValue> {
  return arbitraryFor(schema, '#');
}

function arbitraryFor(schema: JsonValue, at: string): fc.Arbitrary<JsonValue> {
  if (schema === true) return fc.jsonValue() as fc.Arbitrary<JsonValue>;
  if (!isJsonObject(schema)) throw new UnsupportedSchemaError(JSON.stringify(schema), at);
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword) && !ANNOTATIONS.has(keyword)) throw new UnsupportedSchemaError(keyword, at);
  }
  if ('const' in schema) return fc.constant(schema['const'] ?? null);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...schema['enum']);
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...type.map((one) => arbitraryFor({ ...schema, type: one }, at)));
  switch (type) {
    case 'object':
      return objectArbitrary(schema, at);
    case 'array': {
      const items = schema['items'] === undefined ? true : schema['items'];
      return fc.array(arbitraryFor(items, `${at}/items`), { minLength: numberOr(schema['minItems'], 0), maxLength: numberOr(schema['maxItems'], Math.max(5, numberOr(schema['minItems'], 0))) });
    }
    case 'string':
      return fc.string({ minLength: numberOr(schema['minLength'], 0), maxLength: numberOr(schema['maxLength'], Math.max(12, numberOr(schema['minLength'], 0))) });
    case 'integer':
      return fc.integer({ min: numberOr(schema['minimum'], -1_000_000), max: numberOr(schema['maximum'], 1_000_000) });
    case 'number':
      return fc.double({ min: numberOr(schema['minimum'], -1e9), max: numberOr(schema['maximum'], 1e9), noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case undefined:
      return fc.jsonValue() as fc.Arbitrary<JsonValue>;
    default:
      throw new UnsupportedSchemaError(`type: ${JSON.stringify(type)}`, at);
  }
}

function objectArbitrary(schema: JsonObject, at: string): fc.Arbitrary<JsonValue> {
  const properties = isJsonObject(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'].filter((key): key is string => typeof key === 'string') : [];
  const model: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const [key, child] of Object.entries(properties)) model[key] = arbitraryFor(child, `${at}/properties/${key}`);
  // A required key the schema does not describe may hold any JSON value.
  for (const key of required) model[key] ??= fc.jsonValue() as fc.Arbitrary<JsonValue>;
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<JsonValue>;
}

function numberOr(value: JsonValue | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
