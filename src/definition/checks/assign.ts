// VARIABLES.md §1 and §5: Assign names are identifiers (not "states", at most 80 characters), and
// an inner scope (Parallel branch, Map iteration) never assigns a name an enclosing scope assigns.
import { isJsonObject, type JsonValue } from '../../core/json.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, ScopeNode, StateNode } from '../model.js';

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_NAME_LENGTH = 80;

export interface AssignSite {
  readonly node: StateNode;
  /** Name as assigned (".$" suffix removed). */
  readonly name: string;
  readonly pointer: string;
}

/** Every Assign key of a state: state level, each top-level Choice rule, and each catcher. */
export function assignSites(node: StateNode): AssignSite[] {
  const sites: AssignSite[] = [];
  const collect = (assign: JsonValue | undefined, pointer: string): void => {
    if (!isJsonObject(assign)) return;
    for (const key of Object.keys(assign)) {
      const name = node.queryLanguage === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
      sites.push({ node, name, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  };
  collect(node.raw['Assign'], `${node.pointer}/Assign`);
  for (const field of ['Choices', 'Catch'] as const) {
    const list = node.raw[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (isJsonObject(entry)) collect(entry['Assign'], `${node.pointer}/${field}/${i}/Assign`);
    });
  }
  return sites;
}

/** Names assigned by the states directly in a scope (a Parallel/Map's own Assign counts for its scope). */
export function namesAssignedIn(scope: ScopeNode): Set<string> {
  return new Set(scope.states.flatMap((node) => assignSites(node).map((site) => site.name)));
}

/** The scopes enclosing this one, innermost first (a Distributed Map child sees none of them). */
export function enclosingScopes(scope: ScopeNode): ScopeNode[] {
  const out: ScopeNode[] = [];
  for (let s = scope; s.owner && !isDistributedProcessor(s); s = s.owner.scope) out.push(s.owner.scope);
  return out;
}

function isDistributedProcessor(scope: ScopeNode): boolean {
  const config = scope.raw['ProcessorConfig'];
  return scope.kind === 'processor' && isJsonObject(config) && config['Mode'] === 'DISTRIBUTED';
}

export function checkAssign(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const assigned = new Map(model.scopes.map((scope) => [scope, namesAssignedIn(scope)]));
  for (const node of model.states) {
    const outer = enclosingScopes(node.scope);
    for (const site of assignSites(node)) {
      const problem = nameProblem(site.name);
      if (problem) {
        out.push(error('INVALID_ASSIGN', site.pointer, `Variable name "${site.name}" in "${node.name}" ${problem}.`));
        continue;
      }
      if (outer.some((scope) => assigned.get(scope)?.has(site.name))) {
        out.push(
          error(
            'INVALID_ASSIGN',
            site.pointer,
            `"${node.name}" assigns "${site.name}", which an enclosing scope also assigns; a branch or iteration may read outer variables but not assign them — use another name, or return the value in the output.`,
          ),
        );
      }
    }
  }
  return out;
}

function nameProblem(name: string): string | undefined {
  if (name === 'states') return 'is reserved ($states holds the input, result and context)';
  if ([...name].length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (!IDENTIFIER.test(name)) return 'is not a valid name: start with a letter or "_", then letters, digits or "_" (no "." or "[" — variables are assigned whole)';
  return undefined;
}
