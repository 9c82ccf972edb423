// VALIDATION.md checks 6 and 7: every state must be reachable from its scope's StartAt (AWS rejects
// unreachable states), and each scope needs a terminal state (Succeed, Fail, End: true) that can
// actually be reached. Reachability is a graph walk, so islands and self-loops are found too.
import { type Diagnostic, error } from '../diagnostic.js';
import { type DefinitionModel, isTerminal, type ScopeNode, type StateNode, transitionsOf } from '../model.js';

export function checkReachability(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const scope of model.scopes) {
    const startAt = scope.raw['StartAt'];
    const start = typeof startAt === 'string' ? scope.byName.get(startAt) : undefined;
    if (!start) {
      // A missing StartAt is reported by the transitions check; still require a terminal state.
      if (scope.states.length > 0 && !scope.states.some(isTerminal)) out.push(noEnd(scope, 'defines'));
      continue;
    }
    const reached = reachableFrom(start, scope);
    for (const node of scope.states) {
      if (!reached.has(node) && scope.byName.get(node.name) === node) {
        out.push(
          error(
            'UNREACHABLE_STATE',
            node.pointer,
            `State "${node.name}" is not reachable from StartAt "${start.name}"; remove it or add a transition to it.`,
          ),
        );
      }
    }
    // A transition to a missing state is reported by the transitions check; the missing state
    // might have been the terminal one, so do not pile a second, misleading error on top.
    const dangling = [...reached].some((node) => transitionsOf(node).some(({ target }) => typeof target === 'string' && !scope.byName.has(target)));
    if (!dangling && ![...reached].some(isTerminal)) out.push(noEnd(scope, scope.states.some(isTerminal) ? 'reaches' : 'defines'));
  }
  return out;
}

function reachableFrom(start: StateNode, scope: ScopeNode): Set<StateNode> {
  const reached = new Set<StateNode>([start]);
  const queue = [start];
  for (let node = queue.pop(); node; node = queue.pop()) {
    for (const { target } of transitionsOf(node)) {
      const next = typeof target === 'string' ? scope.byName.get(target) : undefined;
      if (next && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

function noEnd(scope: ScopeNode, verb: 'defines' | 'reaches'): Diagnostic {
  const what = scope.kind === 'root' ? 'The state machine' : scope.kind === 'branch' ? 'This Parallel branch' : 'This Map item processor';
  return error(
    'MISSING_END_STATE',
    scope.pointer === '' ? '' : scope.pointer,
    `${what} ${verb} no terminal state: add a Succeed or Fail state, or "End": true on a state${verb === 'reaches' ? ', reachable from StartAt' : ''}.`,
  );
}
