// What there is to cover in a definition: every state, every distinct transition, each top-level
// Choice rule and Default, each retrier and catcher — each with the JSON Pointer a probe event
// names it by (runtime/probe.ts), built once per collector from the compiled machine.
import type { CompiledMachine, CompiledScope, CompiledState } from '../definition/compiled.js';
import { locateStates, type LocatedState } from '../definition/state-pointers.js';
import { catchLabel, conditionLabel, retryLabel, ruleLabel } from '../graph/labels.js';
import type { CoverageItem, CoverageKind } from './coverage-types.js';

export type ModelItem = Omit<CoverageItem, 'hits'>;

/** A scope (the top level, a Parallel branch, a Map's ItemProcessor): Istanbul's "function". */
export interface ModelScope {
  readonly pointer: string;
  readonly label: string;
  /** The key of its StartAt state: the scope ran when that state was entered. */
  readonly startKey: string;
}

export interface CoverageModel {
  readonly byKind: Readonly<Record<CoverageKind, readonly ModelItem[]>>;
  readonly states: readonly LocatedState[];
  readonly scopes: readonly ModelScope[];
  /** The item keys in order: two collectors may merge only when these agree. */
  readonly signature: string;
}

/** The key of a transition item. */
function transitionKey(from: string, to: string): string {
  // Unambiguous: inside a pointer a "/" only ever separates segments ("/" in a name is "~1").
  return `${from} -> ${to}`;
}

export function buildCoverageModel(machine: CompiledMachine): CoverageModel {
  const states = locateStates(machine);
  const pointers = new Map(states.map((located) => [located.state, located.pointer]));
  const pointerOf = (state: CompiledState): string => pointers.get(state) ?? '';
  const byKind: Record<CoverageKind, ModelItem[]> = { states: [], transitions: [], choiceRules: [], retriers: [], catchers: [] };
  const transitionKeys = new Set<string>();
  const addTransition = (located: LocatedState, target: CompiledState, pointer: string): void => {
    const to = pointerOf(target);
    const key = transitionKey(located.pointer, to);
    if (transitionKeys.has(key)) return;
    transitionKeys.add(key);
    byKind.transitions.push({ kind: 'transitions', key, pointer, state: located.state.name, label: `${located.state.name} -> ${target.name}`, from: located.pointer, to });
  };
  for (const located of states) {
    const { state, pointer } = located;
    byKind.states.push({ kind: 'states', key: pointer, pointer, state: state.name, label: `${state.name} (${state.type})` });
    switch (state.type) {
      case 'Choice':
        state.choices.forEach((choice, i) => {
          const condition = state.queryLanguage === 'JSONata' ? conditionLabel(state.jsonata?.choices?.[i]?.condition, choice.rule) : ruleLabel(choice.rule);
          const key = `${pointer}/Choices/${i}`;
          byKind.choiceRules.push({ kind: 'choiceRules', key, pointer: key, state: state.name, label: `${state.name}: ${condition} -> ${choice.next.name}` });
          addTransition(located, choice.next, `${key}/Next`);
        });
        if (state.default !== undefined) {
          const key = `${pointer}/Default`;
          byKind.choiceRules.push({ kind: 'choiceRules', key, pointer: key, state: state.name, label: `${state.name}: Default -> ${state.default.name}` });
          addTransition(located, state.default, key);
        }
        break;
      case 'Task':
      case 'Parallel':
      case 'Map':
        state.retry.forEach((retrier, i) => {
          const key = `${pointer}/Retry/${i}`;
          byKind.retriers.push({ kind: 'retriers', key, pointer: key, state: state.name, label: `${state.name}: ${retryLabel(retrier)}` });
        });
        if (state.next !== undefined) addTransition(located, state.next, `${pointer}/Next`);
        state.catch.forEach((catcher, i) => {
          const key = `${pointer}/Catch/${i}`;
          byKind.catchers.push({ kind: 'catchers', key, pointer: key, state: state.name, label: `${state.name}: ${catchLabel(catcher)} -> ${catcher.next.name}` });
          addTransition(located, catcher.next, `${key}/Next`);
        });
        break;
      case 'Pass':
      case 'Wait':
        if (state.next !== undefined) addTransition(located, state.next, `${pointer}/Next`);
        break;
      case 'Succeed':
      case 'Fail':
        break;
    }
  }
  const scopes = modelScopes(machine, states, pointerOf);
  const signature = Object.values(byKind)
    .flatMap((items) => items.map((item) => item.key))
    .join('\n');
  return { byKind, states, scopes, signature };
}

function modelScopes(machine: CompiledMachine, states: readonly LocatedState[], pointerOf: (state: CompiledState) => string): ModelScope[] {
  const scope = (pointer: string, label: string, compiled: CompiledScope): ModelScope => ({ pointer, label, startKey: pointerOf(compiled.startAt) });
  const scopes = [scope('', '(top level)', machine.root)];
  for (const { state, pointer } of states) {
    if (state.type === 'Parallel') state.branches.forEach((branch, i) => scopes.push(scope(`${pointer}/Branches/${i}`, `${state.name} branch ${i + 1}`, branch)));
    // The processor's pointer is that of its StartAt state minus `/States/<name>`.
    if (state.type === 'Map') scopes.push(scope(pointerOf(state.processor.startAt).replace(/\/States\/[^/]*$/, ''), `${state.name} item processor`, state.processor));
  }
  return scopes;
}
