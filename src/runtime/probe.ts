// The execution probe (StateMachineOptions.probe): a cheap, synchronous view of which parts of the
// definition a run exercises, for coverage. Not history: it names places in the definition (JSON
// Pointers, rule and handler indexes), not data, and costs nothing when absent — the interpreter
// tests `rt.probe !== undefined` once per visit, and once more only on Choice exits and failures.
import type { CompiledChoice, CompiledState, StateType } from '../definition/compiled.js';
import { evaluateRule } from '../states/choice-rules.js';
import type { StateContext, StepResult } from '../states/context.js';

/** What a probe hears. Pointers are JSON Pointers into the definition, as diagnostics spell them. */
export type ProbeEvent =
  /** A state was entered (every visit, including each Map iteration's and each branch's states). */
  | { readonly kind: 'state'; readonly pointer: string; readonly name: string; readonly type: StateType }
  /** Control went from one state to the next within a scope (Next, a Choice rule, Default or a Catch). */
  | { readonly kind: 'transition'; readonly from: string; readonly to: string }
  /** A Choice state picked its top-level rule `rule` (an index into Choices), or its Default. */
  | { readonly kind: 'choice'; readonly pointer: string; readonly rule: number | 'default' }
  /**
   * Retrier `retrier` (an index into Retry) matched an error: `retried` is false when its attempts
   * were spent (or MaxAttempts is 0) and the error went on to Catch.
   */
  | { readonly kind: 'retry'; readonly pointer: string; readonly retrier: number; readonly retried: boolean }
  /** Catcher `catcher` (an index into Catch) caught an error. */
  | { readonly kind: 'catch'; readonly pointer: string; readonly catcher: number };

/**
 * Called synchronously during the run. It must not throw: one that does is detached and reported
 * once as a process warning (code ASL_PROBE_ERROR); the execution goes on.
 */
export type ExecutionProbe = (event: ProbeEvent) => void;

/** The runtime's side of a probe: turns compiled states into pointers and guards the callback. */
export class ProbeEmitter {
  private detached = false;

  constructor(
    private readonly probe: ExecutionProbe,
    private readonly pointers: ReadonlyMap<CompiledState, string>,
  ) {}

  /** A state is entered; `from` is the state before it in the same scope (none for a scope's first). */
  enter(state: CompiledState, from: CompiledState | undefined): void {
    const pointer = this.pointerOf(state);
    if (from !== undefined) this.send({ kind: 'transition', from: this.pointerOf(from), to: pointer });
    this.send({ kind: 'state', pointer, name: state.name, type: state.type });
  }

  choice(state: CompiledState, index: number | undefined): void {
    this.send({ kind: 'choice', pointer: this.pointerOf(state), rule: index ?? 'default' });
  }

  retry(state: CompiledState, index: number, retried: boolean): void {
    this.send({ kind: 'retry', pointer: this.pointerOf(state), retrier: index, retried });
  }

  caught(state: CompiledState, index: number): void {
    this.send({ kind: 'catch', pointer: this.pointerOf(state), catcher: index });
  }

  private pointerOf(state: CompiledState): string {
    // Every compiled state has a pointer; the name is a readable fallback should one ever be missing.
    return this.pointers.get(state) ?? `/States/${state.name}`;
  }

  private send(event: ProbeEvent): void {
    if (this.detached) return;
    try {
      this.probe(event);
    } catch (error) {
      this.detached = true;
      const reason = error instanceof Error ? error.message : String(error);
      process.emitWarning(`An execution probe failed on a '${event.kind}' event and was detached: ${reason}`, { code: 'ASL_PROBE_ERROR' });
    }
  }
}

/**
 * The index of the rule a Choice visit took, undefined for Default. A JSONata Choice says which
 * (StepResult.choiceIndex); a JSONPath one does not, so that its hot path stays as it was without a
 * probe. Its rules are evaluated again, only when probing: they are pure, and read the same input
 * (after InputPath) and variables (not yet assigned: see exit() in interpreter.ts) as the visit did.
 */
export function matchedRule(state: CompiledChoice, step: StepResult, ctx: StateContext): number | undefined {
  if (state.jsonata !== undefined) return step.choiceIndex;
  const data = ctx.data(ctx.stateInput);
  const index = state.choices.findIndex((branch) => evaluateRule(branch.rule, data));
  return index < 0 ? undefined : index;
}
