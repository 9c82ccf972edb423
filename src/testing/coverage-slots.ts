// Where a probe event counts: per state pointer, the index of its own item, of each Choice rule,
// the Default, each retrier and catcher, and of each transition it starts. Resolved once per
// collector, so hearing an event costs one Map lookup and an array increment — property tests run
// thousands of executions with a collector listening.
import type { ProbeEvent } from '../runtime/probe.js';
import type { CoverageModel } from './coverage-model.js';

/** The item indexes one state's events count into. */
export interface StateSlots {
  readonly state: number;
  readonly rules: readonly (number | undefined)[];
  readonly default: number | undefined;
  readonly retriers: readonly (number | undefined)[];
  readonly catchers: readonly (number | undefined)[];
  /** By the pointer of the state the transition leads to. */
  readonly transitions: ReadonlyMap<string, number>;
}

export function buildSlots(model: CoverageModel, indexByKey: ReadonlyMap<string, number>): Map<string, StateSlots> {
  const slots = new Map<string, StateSlots>();
  const indexesOf = (kind: 'choiceRules' | 'retriers' | 'catchers', prefix: string): (number | undefined)[] =>
    model.byKind[kind].filter((item) => item.key.startsWith(prefix) && /^\d+$/.test(item.key.slice(prefix.length))).map((item) => indexByKey.get(item.key));
  for (const { pointer } of model.states) {
    const transitions = new Map<string, number>();
    for (const item of model.byKind.transitions) {
      if (item.from === pointer && item.to !== undefined) transitions.set(item.to, indexByKey.get(item.key) as number);
    }
    slots.set(pointer, {
      state: indexByKey.get(pointer) as number,
      rules: indexesOf('choiceRules', `${pointer}/Choices/`),
      default: indexByKey.get(`${pointer}/Default`),
      retriers: indexesOf('retriers', `${pointer}/Retry/`),
      catchers: indexesOf('catchers', `${pointer}/Catch/`),
      transitions,
    });
  }
  return slots;
}

/** The index of the item an event counts for, or undefined when it names nothing of this definition. */
export function slotIndex(slots: ReadonlyMap<string, StateSlots>, event: ProbeEvent): number | undefined {
  switch (event.kind) {
    case 'state':
      return slots.get(event.pointer)?.state;
    case 'transition':
      return slots.get(event.from)?.transitions.get(event.to);
    case 'choice': {
      const slot = slots.get(event.pointer);
      return event.rule === 'default' ? slot?.default : slot?.rules[event.rule];
    }
    case 'retry':
      return slots.get(event.pointer)?.retriers[event.retrier];
    case 'catch':
      return slots.get(event.pointer)?.catchers[event.catcher];
  }
}
