// VALIDATION.md checks 3 and 5: StartAt, Next, Choice Default/rule Next and Catch Next must name a
// state of the same (sub-)machine: no jumping into or out of a Parallel branch or Map processor.
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, ScopeNode, StateNode, Transition } from '../model.js';
import { analysisOf } from './analysis.js';

export function checkTransitions(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const analysis = analysisOf(model);
  for (const scope of model.scopes) {
    const startAt = scope.raw['StartAt'];
    if (typeof startAt === 'string' && !scope.byName.has(startAt)) {
      out.push(missing(scope, startAt, `${scope.pointer}/StartAt`, 'StartAt'));
    }
    for (let s = 0; s < scope.states.length; s++) {
      const node = scope.states[s] as StateNode;
      const transitions = analysis.transitionsOf(node);
      for (let t = 0; t < transitions.length; t++) {
        const { target, pointer } = transitions[t] as Transition;
        if (typeof target === 'string' && !scope.byName.has(target)) {
          out.push(missing(scope, target, pointer, `State "${node.name}"`));
        }
      }
    }
  }
  return out;
}

function missing(scope: ScopeNode, target: string, pointer: string, who: string): Diagnostic {
  const where = scope.kind === 'root' ? 'the state machine' : `this ${scope.kind === 'branch' ? 'Parallel branch' : 'Map item processor'}`;
  const known = [...scope.byName.keys()];
  const hint = suggestion(target, known);
  return error(
    'MISSING_TRANSITION_TARGET',
    pointer,
    `${who} names "${target}", which is not a state of ${where}` +
      (hint ? `; did you mean "${hint}"?` : `; known states: ${known.slice(0, 10).map((k) => `"${k}"`).join(', ')}.`),
  );
}

/** The known name closest to a typo, when it is close enough to be a likely intent. */
function suggestion(target: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(target.length / 3)) + 1;
  for (const name of known) {
    if (Math.abs(name.length - target.length) >= bestDistance || name.length > 200) continue;
    const d = editDistance(target.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
