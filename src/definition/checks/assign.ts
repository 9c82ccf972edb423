// VARIABLES.md §1 and §5: Assign names are identifiers (not "states", at most 80 characters), and
// an inner scope (Parallel branch, Map iteration) never assigns a name an enclosing scope assigns.
import { isJsonObject } from '../../core/json.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, ScopeNode, StateNode } from '../model.js';
import { analysisOf } from './analysis.js';

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_NAME_LENGTH = 80;

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
  const analysis = analysisOf(model);
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    const sites = analysis.assignSitesOf(node);
    if (sites.length === 0) continue;
    const outer = enclosingScopes(node.scope);
    for (const site of sites) {
      const problem = nameProblem(site.name);
      if (problem) {
        out.push(error('INVALID_ASSIGN', site.pointer, `Variable name "${site.name}" in "${node.name}" ${problem}.`));
        continue;
      }
      if (outer.some((scope) => analysis.assignedIn(scope)?.has(site.name))) {
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
