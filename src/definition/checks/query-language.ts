// JSONATA.md §2 and ASL.md §1: which fields belong to which query language, and the rule that a
// JSONata machine cannot contain JSONPath states.
import { isJsonObject } from '../../core/json.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

/** Fields that exist only in JSONPath states. */
const JSONPATH_ONLY = [
  'InputPath', 'OutputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'ItemsPath', 'Result', 'Iterator',
  'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath',
  'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'ErrorPath', 'CausePath',
];
/** Fields that exist only in JSONata states. */
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];
/** Numeric fields whose JSONata form may be a `{% %}` string but whose JSONPath form must be a number. */
const NUMERIC = ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage'];

export function checkQueryLanguage(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    if (model.queryLanguage === 'JSONata' && node.raw['QueryLanguage'] === 'JSONPath') {
      out.push(
        error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/QueryLanguage`, `'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine (state "${node.name}").`),
      );
    }
    const foreign = node.queryLanguage === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
    for (let f = 0; f < foreign.length; f++) {
      const field = foreign[f] as string;
      if (node.raw[field] !== undefined) out.push(misplaced(node, field, `${node.pointer}/${field}`));
    }
    for (let f = 0; f < NUMERIC.length; f++) {
      const field = NUMERIC[f] as string;
      const value = node.raw[field];
      if (typeof value !== 'string') continue;
      if (node.queryLanguage === 'JSONPath') {
        out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/${field}`, `${field} of JSONPath state "${node.name}" must be a number; use ${field}Path to read it from the input, or a JSONata state for an expression.`));
      } else if (!value.startsWith('{%') || !value.endsWith('%}')) {
        out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/${field}`, `${field} of "${node.name}" must be a number or a "{% ... %}" JSONata expression.`));
      }
    }
    checkCatchers(node, out);
  }
  return out;
}

function checkCatchers(node: StateNode, out: Diagnostic[]): void {
  const catchers = node.raw['Catch'];
  if (!Array.isArray(catchers)) return;
  catchers.forEach((catcher, i) => {
    if (!isJsonObject(catcher)) return;
    const field = node.queryLanguage === 'JSONata' ? 'ResultPath' : 'Output';
    if (catcher[field] !== undefined) out.push(misplaced(node, field, `${node.pointer}/Catch/${i}/${field}`));
  });
}

function misplaced(node: StateNode, field: string, pointer: string): Diagnostic {
  const other = node.queryLanguage === 'JSONata' ? 'JSONPath' : 'JSONata';
  const hint =
    node.queryLanguage === 'JSONata'
      ? 'use Arguments, Output, Items or a {% %} expression instead'
      : 'set "QueryLanguage": "JSONata" on the state (or the machine) to use it';
  return error(
    'FIELD_NOT_ALLOWED_FOR_QUERY_LANGUAGE',
    pointer,
    `Field '${field}' is only supported for the ${other} QueryLanguage, but state "${node.name}" uses ${node.queryLanguage}; ${hint}.`,
  );
}
