// ASL.md §4: payload templates (Parameters, ResultSelector, ItemSelector, Credentials, ItemReader
// and ResultWriter Parameters, ItemBatcher BatchInput, and JSONPath Assign). A ".$" key's value is
// a path or an intrinsic call; keys must stay unique once ".$" is stripped.
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.js';
import { pathCompileProblem } from '../../paths/jsonpath.js';
import { parsePath } from '../../paths/path-syntax.js';
import { looksLikeIntrinsic, parseIntrinsic } from '../../paths/intrinsics/parse.js';
import { checkIntrinsic } from '../../paths/intrinsics/signatures.js';
import { type Diagnostic, error, warning } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

export interface TemplateRoot {
  readonly node: StateNode;
  readonly field: string;
  readonly pointer: string;
  readonly value: JsonObject;
}

/** A ".$" entry of a template: the value AWS evaluates. */
export interface DynamicEntry {
  readonly root: TemplateRoot;
  readonly key: string;
  readonly pointer: string;
  readonly value: JsonValue;
}

/** The object-valued templates of a state, whichever language it uses. */
export function templateRoots(node: StateNode): TemplateRoot[] {
  const roots: TemplateRoot[] = [];
  const add = (field: string, value: JsonValue | undefined, pointer: string): void => {
    if (isJsonObject(value)) roots.push({ node, field, pointer, value });
  };
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials', 'Assign', 'Arguments', 'Output']) {
    add(field, node.raw[field], `${node.pointer}/${field}`);
  }
  for (const [section, field] of [['ItemReader', 'Parameters'], ['ResultWriter', 'Parameters'], ['ItemBatcher', 'BatchInput'], ['ItemReader', 'Arguments'], ['ResultWriter', 'Arguments']] as const) {
    const holder = node.raw[section];
    if (isJsonObject(holder)) add(`${section}.${field}`, holder[field], `${node.pointer}/${section}/${field}`);
  }
  for (const list of ['Choices', 'Catch'] as const) {
    const entries = node.raw[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (!isJsonObject(entry)) return;
      add('Assign', entry['Assign'], `${node.pointer}/${list}/${i}/Assign`);
      add('Output', entry['Output'], `${node.pointer}/${list}/${i}/Output`);
    });
  }
  return roots;
}

/** Every ".$" entry in the JSONPath states' templates (objects nested in objects; arrays are literal). */
export function dynamicEntries(model: DefinitionModel): DynamicEntry[] {
  const out: DynamicEntry[] = [];
  for (const node of model.states) {
    if (node.queryLanguage !== 'JSONPath') continue;
    for (const root of templateRoots(node)) {
      walkObjects(root.value, root.pointer, (object, pointer) => {
        for (const [key, value] of Object.entries(object)) {
          if (key.endsWith('.$')) out.push({ root, key, pointer: `${pointer}/${escape(key)}`, value });
        }
      });
    }
  }
  return out;
}

export function checkTemplates(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const entry of dynamicEntries(model)) {
    const problem = dynamicValueProblem(entry.value);
    if (problem) out.push(error(problem.code, entry.pointer, `${entry.root.field} of "${entry.root.node.name}", key "${entry.key}": ${problem.message}`));
  }
  for (const node of model.states) {
    if (node.queryLanguage !== 'JSONPath') continue;
    for (const root of templateRoots(node)) {
      walkObjects(root.value, root.pointer, (object, pointer) => checkKeys(node, root, object, pointer, out));
    }
  }
  return out;
}

function checkKeys(node: StateNode, root: TemplateRoot, object: JsonObject, pointer: string, out: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(object)) {
    const plain = key.endsWith('.$') ? key.slice(0, -2) : key;
    if (seen.has(plain)) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/${escape(key)}`, `${root.field} of "${node.name}" has both "${plain}" and "${plain}.$"; keep one.`));
    }
    seen.add(plain);
    if (!key.endsWith('.$') && typeof value === 'string' && (/^\$\$?\./.test(value) || looksLikeIntrinsic(value))) {
      out.push(
        warning('NO_DOLLAR', `${pointer}/${escape(key)}`, `"${key}" holds "${value.slice(0, 60)}", which is passed on as a literal string; name the key "${key}.$" to evaluate it.`),
      );
    }
  }
}

function dynamicValueProblem(value: JsonValue): { code: 'INVALID_JSONPATH' | 'INVALID_INTRINSIC'; message: string } | undefined {
  if (typeof value !== 'string') {
    return { code: 'INVALID_JSONPATH', message: 'the value of a ".$" key must be a path or intrinsic function string; drop ".$" for a literal value.' };
  }
  if (value.startsWith('$')) {
    const parsed = parsePath(value);
    const problem = parsed.ok ? pathCompileProblem(value) : parsed.message;
    return problem === undefined ? undefined : { code: 'INVALID_JSONPATH', message: problem };
  }
  if (looksLikeIntrinsic(value)) {
    const parsed = parseIntrinsic(value);
    if (!parsed.ok) return { code: 'INVALID_INTRINSIC', message: parsed.message };
    const problem = checkIntrinsic(parsed.call)[0];
    return problem === undefined ? undefined : { code: 'INVALID_INTRINSIC', message: problem };
  }
  return {
    code: 'INVALID_JSONPATH',
    message: `"${value.slice(0, 60)}" is neither a path ("$.x", "$$.x", "$var") nor an intrinsic function call ("States.Format(...)").`,
  };
}

/** Visits an object and every object nested in it through object members (not through arrays). */
export function walkObjects(root: JsonObject, pointer: string, visit: (object: JsonObject, pointer: string) => void): void {
  const stack: Array<[JsonObject, string]> = [[root, pointer]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [object, at] = top;
    visit(object, at);
    for (const [key, value] of Object.entries(object)) {
      if (isJsonObject(value)) stack.push([value, `${at}/${escape(key)}`]);
    }
  }
}

export function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
