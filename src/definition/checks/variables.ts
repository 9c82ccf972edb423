// VARIABLES.md §4: a JSONPath path may read a workflow variable ($name...) only if an Assign in the
// same scope or an enclosing one defines it (AWS analyses references statically). JSONata
// references are not checked: AWS accepts unknown names there and fails at run time.
import type { IntrinsicArg } from '../../paths/intrinsics/parse.js';
import { parseIntrinsic } from '../../paths/intrinsics/parse.js';
import { type ParsedPath, parsePath } from '../../paths/path-syntax.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, ScopeNode, StateNode } from '../model.js';
import { enclosingScopes, namesAssignedIn } from './assign.js';
import { pathSites } from './paths.js';
import { dynamicEntries } from './templates.js';

export function checkVariableReferences(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const assigned = new Map<ScopeNode, Set<string>>(model.scopes.map((scope) => [scope, namesAssignedIn(scope)]));
  const visible = (node: StateNode, name: string): boolean =>
    [node.scope, ...enclosingScopes(node.scope)].some((scope) => assigned.get(scope)?.has(name));
  const report = (node: StateNode, pointer: string, paths: ParsedPath[]): void => {
    for (const path of paths) {
      if (path.root === 'variable' && path.variableName !== undefined && !visible(node, path.variableName)) {
        out.push(
          error('UNDEFINED_VARIABLE', pointer, `"${node.name}" reads $${path.variableName}, but no Assign in this scope or an enclosing one defines "${path.variableName}".`),
        );
      }
    }
  };
  for (const site of pathSites(model)) report(site.node, site.pointer, pathsIn(site.text));
  for (const entry of dynamicEntries(model)) {
    if (typeof entry.value === 'string') report(entry.root.node, entry.pointer, pathsIn(entry.value));
  }
  return out;
}

/** The paths a path-or-intrinsic string reads, including the arguments of nested calls. */
function pathsIn(text: string): ParsedPath[] {
  if (text.startsWith('$')) {
    const parsed = parsePath(text);
    return parsed.ok ? [parsed.path] : [];
  }
  const call = parseIntrinsic(text);
  if (!call.ok) return [];
  const out: ParsedPath[] = [];
  const stack: IntrinsicArg[] = [...call.call.args];
  for (let arg = stack.pop(); arg; arg = stack.pop()) {
    if (arg.kind === 'path') out.push(arg.path);
    else if (arg.kind === 'call') stack.push(...arg.call.args);
  }
  return out;
}
