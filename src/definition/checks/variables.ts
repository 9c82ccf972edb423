// VARIABLES.md §4: a JSONPath path may read a workflow variable ($name...) only if an Assign in the
// same scope or an enclosing one defines it (AWS analyses references statically). JSONata
// references are not checked: AWS accepts unknown names there and fails at run time.
import type { ParsedPath } from '../../paths/path-syntax.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';
import { analysisOf } from './analysis.js';
import { enclosingScopes } from './assign.js';
import type { PathSite } from './path-sites.js';
import { type DynamicEntry, entryPointer } from './sites.js';

export function checkVariableReferences(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const analysis = analysisOf(model);
  const visible = (node: StateNode, name: string): boolean =>
    [node.scope, ...enclosingScopes(node.scope)].some((scope) => analysis.assignedIn(scope)?.has(name));
  const report = (node: StateNode, pointer: string, paths: readonly ParsedPath[]): void => {
    for (const path of paths) {
      if (path.root === 'variable' && path.variableName !== undefined && !visible(node, path.variableName)) {
        out.push(
          error('UNDEFINED_VARIABLE', pointer, `"${node.name}" reads $${path.variableName}, but no Assign in this scope or an enclosing one defines "${path.variableName}".`),
        );
      }
    }
  };
  const sites = analysis.pathSites;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i] as PathSite;
    const paths = analysis.pathsReadBy(site.text);
    if (paths.some(readsVariable)) report(site.node, site.pointer, paths);
  }
  const entries = analysis.dynamicEntries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as DynamicEntry;
    const paths = typeof entry.value === 'string' ? analysis.pathsReadBy(entry.value) : [];
    // The pointer is built only for the few entries that read a variable.
    if (paths.some(readsVariable)) report(entry.root.node, entryPointer(entry), paths);
  }
  return out;
}

function readsVariable(path: ParsedPath): boolean {
  return path.root === 'variable' && path.variableName !== undefined;
}
