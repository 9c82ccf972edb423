// Choice rules (ASL.md §7.3) as a predicate tree: the runtime never looks operator names up again.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { parseRfc3339 } from '../core/timestamp.js';
import type { CompileCache } from './compile-cache.js';
import type { ChoiceRule, TypeTest } from './compiled.js';
import type { QueryLanguage } from './model.js';
import { StringMatcher } from './string-matches.js';

type Family = 'String' | 'Numeric' | 'Timestamp' | 'Boolean';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

type OperatorSpec =
  | { readonly kind: 'compare'; readonly family: Family; readonly relation: Relation; readonly isPath: boolean }
  | { readonly kind: 'matches' }
  | { readonly kind: 'type-test'; readonly test: TypeTest };

/** Every JSONPath comparison operator, keyed by its field name (built once per process). */
const OPERATORS: ReadonlyMap<string, OperatorSpec> = (() => {
  const table = new Map<string, OperatorSpec>();
  const relations: Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
  for (const family of ['String', 'Numeric', 'Timestamp'] as const) {
    for (const relation of relations) {
      table.set(`${family}${relation}`, { kind: 'compare', family, relation, isPath: false });
      table.set(`${family}${relation}Path`, { kind: 'compare', family, relation, isPath: true });
    }
  }
  table.set('BooleanEquals', { kind: 'compare', family: 'Boolean', relation: 'Equals', isPath: false });
  table.set('BooleanEqualsPath', { kind: 'compare', family: 'Boolean', relation: 'Equals', isPath: true });
  table.set('StringMatches', { kind: 'matches' });
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const) {
    table.set(test, { kind: 'type-test', test });
  }
  return table;
})();

/** Rules that are constant until JSONata Conditions are compiled (empty And is true, empty Or false). */
const ALWAYS: ChoiceRule = { kind: 'and', rules: [] };
const NEVER: ChoiceRule = { kind: 'or', rules: [] };

/** Compiles one (validated) Choice rule, top-level or nested. */
export function compileChoiceRule(rule: JsonObject, queryLanguage: QueryLanguage, cache: CompileCache): ChoiceRule {
  if (queryLanguage === 'JSONata') {
    // A later issue compiles {% %} Conditions; until then only the literal forms are honoured.
    return rule['Condition'] === true ? ALWAYS : NEVER;
  }
  return compileJsonPathRule(rule, cache);
}

function compileJsonPathRule(rule: JsonObject, cache: CompileCache): ChoiceRule {
  const and = rule['And'];
  if (Array.isArray(and)) return { kind: 'and', rules: and.filter(isJsonObject).map((inner) => compileJsonPathRule(inner, cache)) };
  const or = rule['Or'];
  if (Array.isArray(or)) return { kind: 'or', rules: or.filter(isJsonObject).map((inner) => compileJsonPathRule(inner, cache)) };
  const not = rule['Not'];
  if (isJsonObject(not)) return { kind: 'not', rule: compileJsonPathRule(not, cache) };

  const variableText = rule['Variable'];
  const variable = cache.path(typeof variableText === 'string' ? variableText : '$');
  for (const [key, value] of Object.entries(rule)) {
    const spec = OPERATORS.get(key);
    if (spec === undefined) continue;
    switch (spec.kind) {
      case 'matches':
        return { kind: 'matches', variable, pattern: StringMatcher.compile(typeof value === 'string' ? value : '') };
      case 'type-test':
        return { kind: 'type-test', variable, test: spec.test, expected: value === true };
      case 'compare':
        return spec.isPath
          ? { kind: 'compare', variable, family: spec.family, relation: spec.relation, operand: null, operandPath: cache.path(String(value)) }
          : { kind: 'compare', variable, family: spec.family, relation: spec.relation, operand: literalOperand(spec.family, value), operandPath: undefined };
    }
  }
  // Validation guarantees one operator; reaching here means compileDefinition got unvalidated input.
  throw new Error(`Choice rule has no comparison operator: ${JSON.stringify(rule)}`);
}

/** Timestamp operands are compared as instants, so they are parsed once here. */
function literalOperand(family: Family, value: JsonValue): JsonValue {
  if (family !== 'Timestamp') return value;
  return typeof value === 'string' ? (parseRfc3339(value) ?? null) : null;
}
