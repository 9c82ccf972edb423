// VALIDATION.md checks 6 and 7: every state must be reachable from its scope's StartAt (AWS rejects
// unreachable states), and each scope needs a terminal state (Succeed, Fail, End: true) that can
// actually be reached. Reachability is a graph walk, so islands and self-loops are found too.
import { type Diagnostic, error } from '../diagnostic.js';
import { type DefinitionModel, isTerminal, type ScopeNode, type StateNode, type Transition } from '../model.js';
import { type Analysis, analysisOf } from './analysis.js';

export function checkReachability(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const analysis = analysisOf(model);
  for (const scope of model.scopes) {
    const startAt = scope.raw['StartAt'];
    const start = typeof startAt === 'string' ? scope.byName.get(startAt) : undefined;
    if (!start) {
      // A missing StartAt is reported by the transitions check; still require a terminal state.
      if (scope.states.length > 0 && !scope.states.some(isTerminal)) out.push(noEnd(scope, 'defines'));
      continue;
    }
    const reached = reachableFrom(start, scope, analysis);
    // Indexed loops, not for...of nor a spread of the set: see index.ts.
    for (let i = 0; i < scope.states.length; i++) {
      const node = scope.states[i] as StateNode;
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
    let dangling = false;
    let terminal = false;
    for (let i = 0; i < scope.states.length && !dangling; i++) {
      const node = scope.states[i] as StateNode;
      if (!reached.has(node)) continue;
      dangling = namesMissingState(analysis.transitionsOf(node), scope);
      terminal ||= isTerminal(node);
    }
    if (!dangling && !terminal) out.push(noEnd(scope, scope.states.some(isTerminal) ? 'reaches' : 'defines'));
  }
  return out;
}

function namesMissingState(transitions: readonly Transition[], scope: ScopeNode): boolean {
  for (let i = 0; i < transitions.length; i++) {
    const { target } = transitions[i] as Transition;
    if (typeof target === 'string' && !scope.byName.has(target)) return true;
  }
  return false;
}

function reachableFrom(start: StateNode, scope: ScopeNode, analysis: Analysis): Set<StateNode> {
  const reached = new Set<StateNode>([start]);
  const queue = [start];
  for (let node = queue.pop(); node; node = queue.pop()) {
    const transitions = analysis.transitionsOf(node);
    for (let i = 0; i < transitions.length; i++) {
      const { target } = transitions[i] as Transition;
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
