// ASL.md §3 / VALIDATION.md check 13: every path-valued field of a JSONPath state is a valid Path,
// a Reference Path where a single value is required, and ResultPath never reads $$ or variables.
import { isJsonObject, type JsonValue } from '../../core/json.js';
import { pathCompileProblem } from '../../paths/jsonpath.js';
import { type ParsedPath, parsePath } from '../../paths/path-syntax.js';
import { looksLikeIntrinsic, parseIntrinsic } from '../../paths/intrinsics/parse.js';
import { checkIntrinsic } from '../../paths/intrinsics/signatures.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';
import { CHOICE_OPERATORS } from './choice-rules.js';

/** How a path-valued field may be written. */
export type PathRole = 'path' | 'reference' | 'result' | 'reference-or-intrinsic';

export interface PathSite {
  readonly node: StateNode;
  readonly field: string;
  readonly pointer: string;
  readonly text: string;
  readonly role: PathRole;
}

const STATE_PATH_FIELDS: ReadonlyArray<readonly [string, PathRole]> = [
  ['InputPath', 'path'],
  ['OutputPath', 'path'],
  ['ResultPath', 'result'],
  ['ItemsPath', 'reference'],
  ['SecondsPath', 'reference'],
  ['TimestampPath', 'reference'],
  ['TimeoutSecondsPath', 'reference'],
  ['HeartbeatSecondsPath', 'reference'],
  ['MaxConcurrencyPath', 'reference'],
  ['ToleratedFailureCountPath', 'reference'],
  ['ToleratedFailurePercentagePath', 'reference'],
  ['ErrorPath', 'reference-or-intrinsic'],
  ['CausePath', 'reference-or-intrinsic'],
];

/** Every path-valued field of the JSONPath states (templates are handled by templates.ts). */
export function pathSites(model: DefinitionModel): PathSite[] {
  const sites: PathSite[] = [];
  for (const node of model.states) {
    if (node.queryLanguage !== 'JSONPath') continue;
    const add = (field: string, value: JsonValue | undefined, pointer: string, role: PathRole): void => {
      if (typeof value === 'string') sites.push({ node, field, pointer, text: value, role });
    };
    for (const [field, role] of STATE_PATH_FIELDS) add(field, node.raw[field], `${node.pointer}/${field}`, role);
    const catchers = node.raw['Catch'];
    if (Array.isArray(catchers)) {
      catchers.forEach((c, i) => {
        if (isJsonObject(c)) add('ResultPath', c['ResultPath'], `${node.pointer}/Catch/${i}/ResultPath`, 'result');
      });
    }
    const choices = node.type === 'Choice' ? node.raw['Choices'] : undefined;
    if (Array.isArray(choices)) choices.forEach((rule, i) => addRulePaths(rule, `${node.pointer}/Choices/${i}`, add));
  }
  return sites;
}

function addRulePaths(rule: JsonValue, pointer: string, add: (field: string, value: JsonValue | undefined, pointer: string, role: PathRole) => void): void {
  if (!isJsonObject(rule)) return;
  add('Variable', rule['Variable'], `${pointer}/Variable`, 'path');
  for (const [key, value] of Object.entries(rule)) {
    if (CHOICE_OPERATORS[key] === 'path') add(key, value, `${pointer}/${key}`, 'path');
  }
  const not = rule['Not'];
  if (not !== undefined) addRulePaths(not, `${pointer}/Not`, add);
  for (const key of ['And', 'Or']) {
    const list = rule[key];
    if (Array.isArray(list)) list.forEach((inner, i) => addRulePaths(inner, `${pointer}/${key}/${i}`, add));
  }
}

export function checkPaths(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of pathSites(model)) {
    const problem = pathProblem(site);
    if (problem) out.push(error('INVALID_JSONPATH', site.pointer, `${site.field} of "${site.node.name}": ${problem}`));
  }
  return out;
}

function pathProblem(site: PathSite): string | undefined {
  const { text, role } = site;
  if (role === 'reference-or-intrinsic' && looksLikeIntrinsic(text)) {
    const parsed = parseIntrinsic(text);
    if (!parsed.ok) return parsed.message;
    return checkIntrinsic(parsed.call)[0];
  }
  if (!text.startsWith('$')) {
    const intrinsic = looksLikeIntrinsic(text) ? ' Intrinsic functions are not allowed here.' : '';
    return `"${text}" is not a path; paths start with "$" (for example "$.order.id").${intrinsic}`;
  }
  const parsed = parsePath(text);
  if (!parsed.ok) return parsed.message;
  return roleProblem(parsed.path, role) ?? pathCompileProblem(text);
}

function roleProblem(path: ParsedPath, role: PathRole): string | undefined {
  if (role === 'path') return undefined;
  if (!path.isReference) {
    return `"${path.text}" must be a Reference Path naming a single value: no wildcards, filters, slices, unions or "..".`;
  }
  if (role === 'result' && path.root === 'context') return `"${path.text}" cannot write into the context object ($$); ResultPath must start with "$".`;
  if (role === 'result' && path.root === 'variable') return `"${path.text}" cannot write a variable; use Assign for that.`;
  return undefined;
}
