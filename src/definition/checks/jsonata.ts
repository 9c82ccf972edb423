// JSONATA.md §1-2: every "{% %}" string in a JSONata state must compile. A key ending in ".$" has
// no meaning there and AWS keeps it as an ordinary key (issue 9). Literal-only fields (Type,
// Resource, Next...) are never expressions.
import { isJsonObject, type JsonValue } from '../../core/json.js';
import { checkJsonataSyntax, isJsonataExpression, unsupportedJsonataRegex } from '../../paths/jsonata-syntax.js';
import { type Diagnostic, error, escapePointerSegment as escape, warning } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

const NOT_EVALUATED = new Set(['Type', 'Resource', 'Next', 'End', 'Default', 'Comment', 'QueryLanguage', 'Branches', 'ItemProcessor', 'Iterator']);

export function checkJsonata(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    if (node.queryLanguage !== 'JSONata') continue;
    for (const [field, value] of Object.entries(node.raw)) {
      if (!NOT_EVALUATED.has(field)) visitStrings(node, value, `${node.pointer}/${escape(field)}`, field, out);
    }
  }
  return out;
}

function visitStrings(node: StateNode, root: JsonValue, rootPointer: string, field: string, out: Diagnostic[]): void {
  const stack: Array<[JsonValue, string]> = [[root, rootPointer]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [value, pointer] = top;
    if (typeof value === 'string') {
      checkString(node, value, pointer, field, out);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${pointer}/${i}`]));
    } else if (isJsonObject(value)) {
      // Keys are never evaluated: a key ending in ".$" is an ordinary key here, kept as written.
      for (const [key, inner] of Object.entries(value)) stack.push([inner, `${pointer}/${escape(key)}`]);
    }
  }
}

function checkString(node: StateNode, value: string, pointer: string, field: string, out: Diagnostic[]): void {
  if (isJsonataExpression(value)) {
    const problem = checkJsonataSyntax(value);
    if (problem) out.push(error('INVALID_JSONATA', pointer, `${field} of "${node.name}": ${problem}`));
    const regex = problem ? undefined : unsupportedJsonataRegex(value);
    if (regex) out.push(warning('INVALID_JSONATA', pointer, `${field} of "${node.name}": ${regex}`));
    return;
  }
  const trimmed = value.trim();
  if (trimmed.startsWith('{%') || trimmed.endsWith('%}')) {
    out.push(
      warning('INVALID_JSONATA', pointer, `"${value.slice(0, 60)}" in "${node.name}" is a literal string, not an expression: an expression must start exactly with "{%" and end exactly with "%}".`),
    );
  }
}
