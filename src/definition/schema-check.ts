// The structural pass: ajv schemas for the top level, every sub-machine and every state, with
// ajv's errors rewritten as diagnostics that name the field and say what to change.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isJsonObject, jsonTypeName, type JsonValue } from '../core/json.js';
import { type Diagnostic, error, escapePointerSegment as escape } from './diagnostic.js';
import type { DefinitionModel, StateNode } from './model.js';
import { STATE_TYPES } from './schema/states.js';
import * as validators from './schema/validators.js';

const STATE_VALIDATORS: ReadonlyMap<string, ValidateFunction> = new Map(
  STATE_TYPES.map((type) => [type, (validators as Record<string, ValidateFunction>)[type] as ValidateFunction]),
);

export function checkSchema(model: DefinitionModel): Diagnostic[] {
  const root = validators.root;
  const states = STATE_VALIDATORS;
  const out: Diagnostic[] = [];
  if (!root(model.raw)) out.push(...toDiagnostics(root.errors ?? [], '', 'the state machine'));
  for (const scope of model.scopes) {
    const rawStates = scope.raw['States'];
    if (!isJsonObject(rawStates)) continue;
    // Indexed loops here and below: they run once per state, before V8 has optimised them, and
    // unoptimised for...of allocates at each step.
    const names = Object.keys(rawStates);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const state = rawStates[name] as JsonValue;
      if (!isJsonObject(state)) {
        const pointer = `${scope.pointer}/States/${escape(name)}`;
        out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `State "${name}" must be a JSON object, not ${jsonTypeName(state)}.`));
      }
    }
  }
  for (let i = 0; i < model.states.length; i++) {
    const node = model.states[i] as StateNode;
    const type = node.raw['Type'];
    if (type === undefined) {
      out.push(error('SCHEMA_VALIDATION_FAILED', node.pointer, `State "${node.name}": These fields are required: [Type]`));
      continue;
    }
    const validate = typeof type === 'string' ? states.get(type) : undefined;
    if (!validate) {
      out.push(
        error(
          'SCHEMA_VALIDATION_FAILED',
          `${node.pointer}/Type`,
          `State "${node.name}" has an unknown Type ${JSON.stringify(type)}; use one of ${STATE_TYPES.join(', ')}.`,
        ),
      );
      continue;
    }
    if (!validate(node.raw)) out.push(...toDiagnostics(validate.errors ?? [], node.pointer, `${type} state "${node.name}"`));
  }
  return out;
}

/** ajv reports anyOf failures once per branch; keep the most useful error per place. */
function toDiagnostics(errors: readonly ErrorObject[], base: string, subject: string): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    const pointer = base + e.instancePath;
    const key = `${pointer}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key) || (e.keyword === 'type' && seen.has(`${pointer}|anyOf-type`))) continue;
    seen.add(key);
    if (e.keyword === 'type' || e.keyword === 'minimum' || e.keyword === 'maximum') seen.add(`${pointer}|anyOf-type`);
    out.push(error('SCHEMA_VALIDATION_FAILED', pointerOf(e, base), describe(e, subject)));
  }
  return out;
}

function pointerOf(e: ErrorObject, base: string): string {
  if (e.keyword === 'additionalProperties') {
    return `${base}${e.instancePath}/${escape(String(e.params['additionalProperty']))}`;
  }
  return base + e.instancePath;
}

function fieldName(e: ErrorObject): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  return parts.length > 0 ? parts.join('.') : 'the value';
}

function describe(e: ErrorObject, subject: string): string {
  const field = fieldName(e);
  const where = e.instancePath === '' ? subject : `${subject}, field ${field}`;
  switch (e.keyword) {
    case 'required':
      return `${where}: These fields are required: [${String(e.params['missingProperty'])}]`;
    case 'additionalProperties':
      return `${where}: Field '${String(e.params['additionalProperty'])}' is not supported here; remove it or check its spelling.`;
    case 'type':
      return `${where} must be of type ${String(e.params['type']).replace(',', ' or ')}.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return `${where} must be ${String(e.params['comparison'])} ${String(e.params['limit'])}.`;
    case 'minItems':
      return `${where} must not be empty (at least ${String(e.params['limit'])} item).`;
    case 'minProperties':
      return `${where} must contain at least one state.`;
    case 'minLength':
      return `${where} must not be empty.`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(e.params['allowedValues'])}.`;
    default:
      return `${where} ${e.message ?? 'is invalid'}.`;
  }
}
