// The built-in properties checkMachine can check. A property judges one run (and may judge the
// whole suite of runs at the end, as everyCatchReachable does); it answers with the reason the run
// breaks it, which the failure message prints above the counterexample's trace.
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonValue } from '../core/json.js';
import type { ExecutionProbe } from '../runtime/probe.js';
import type { MachineRun } from './harness.js';
import { suiteCoverage, type SuiteCoverage } from './suite-coverage.js';
import type { MachineModel } from './task-model.js';

export interface MachineProperty {
  readonly name: string;
  /** Why `run` breaks the property, or undefined when it holds. */
  check(run: MachineRun, model: MachineModel): string | undefined;
  /** Called once per checkMachine before the first run, for properties over all runs; may return a probe for the machine. */
  begin?(definition: JsonValue): ExecutionProbe | undefined;
  /** Why the runs together break the property (after all of them passed `check`), or undefined. */
  afterAll?(): string | undefined;
}

/**
 * The execution never FAILS because an error escaped a state with no Catch for it: every FAILED
 * execution ended in a Fail state (also one inside a Parallel branch or Map iteration, whose error
 * the machine passes on on purpose). TIMED_OUT and ABORTED executions pass.
 */
export function neverFailsUnhandled(): MachineProperty {
  return {
    name: 'neverFailsUnhandled',
    check(run, model) {
      if (run.result.status !== 'FAILED') return undefined;
      const last = run.path[run.path.length - 1];
      if (last !== undefined && model.failStates.has(last)) return undefined;
      const where = last === undefined ? 'before any state' : `in ${last} (${model.stateTypes.get(last) ?? '?'})`;
      return `the execution FAILED with ${run.result.error ?? '(no error)'} ${where}, which has no Catch for it`;
    },
  };
}

/** The last top-level state the execution entered is one of `states` (a Succeed, Fail or End state). */
export function alwaysEndsIn(states: readonly string[]): MachineProperty {
  const allowed = new Set(states);
  return {
    name: `alwaysEndsIn(${states.join(', ')})`,
    check(run, model) {
      const last = [...run.path].reverse().find((state) => model.topLevel.has(state));
      if (last !== undefined && allowed.has(last)) return undefined;
      return `the execution ended ${run.result.status} in ${last ?? 'no state'}, not in ${states.join(' or ')}`;
    },
  };
}

export type OutputPredicate = (output: JsonValue, run: MachineRun) => boolean | string;

/**
 * Every SUCCEEDED execution's output satisfies a JSON Schema (checked with ajv) or a predicate
 * (false, or a string saying why, breaks it). Executions that did not succeed pass: pair it with
 * neverFailsUnhandled for those.
 */
export function outputSatisfies(schemaOrPredicate: OutputPredicate | Readonly<Record<string, JsonValue>> | boolean): MachineProperty {
  let judge: OutputPredicate;
  if (typeof schemaOrPredicate === 'function') judge = schemaOrPredicate;
  else {
    const validate: ValidateFunction = new Ajv({ allErrors: true, strict: false }).compile(schemaOrPredicate);
    judge = (output) => validate(output) || (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
  }
  return {
    name: 'outputSatisfies',
    check(run) {
      if (run.result.status !== 'SUCCEEDED') return undefined;
      const verdict = judge(run.result.output, run);
      if (verdict === true) return undefined;
      return `the output ${JSON.stringify(run.result.output)} does not satisfy it${typeof verdict === 'string' && verdict !== '' ? `: ${verdict}` : ''}`;
    },
  };
}

/**
 * Over all the runs of one checkMachine (shrinking runs included), every Catch rule is taken at
 * least once, as the coverage probe sees it.
 * Needs faults (taskOutcomes) that can raise what each catcher matches; a catcher no outcome can
 * reach (one shadowed by an earlier States.ALL) is reported, which is the point.
 */
export function everyCatchReachable(): MachineProperty {
  let coverage: SuiteCoverage | undefined;
  return {
    name: 'everyCatchReachable',
    begin(definition) {
      coverage = suiteCoverage(definition);
      return coverage.probe;
    },
    check: () => undefined,
    afterAll() {
      const missing = coverage?.uncovered('catch') ?? [];
      return missing.length === 0 ? undefined : `no run took ${missing.length === 1 ? 'this Catch rule' : 'these Catch rules'}: ${missing.join('; ')}`;
    },
  };
}
