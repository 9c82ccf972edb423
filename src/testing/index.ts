// asl-engine/testing: helpers for testing state machines (a separate package export, so the main
// entry point stays free of test-only code). Re-exports only, each with JSDoc.

/**
 * Coverage on the definition: pass `coverage.probe` to createStateMachine, run, then read
 * `report()`, `table()`, `toIstanbul()` (coverage-final.json on the `.asl.json`) or
 * `assertCovered('catchers')`.
 */
export { createCoverage } from './coverage.js';
export type { CoverageOptions } from './coverage.js';
export { COVERAGE_KINDS, CoverageError } from './coverage-types.js';
export type { CoverageCollector, CoverageData, CoverageItem, CoverageKind, CoverageReport, KindCoverage } from './coverage-types.js';
export type { IstanbulBranch, IstanbulCoverageMap, IstanbulFileCoverage, IstanbulFunction, IstanbulPosition, IstanbulRange } from './istanbul-types.js';
/** What StateMachineOptions.probe hears: states entered, transitions, Choice rules, retries, catches. */
export type { ExecutionProbe, ProbeEvent } from '../runtime/probe.js';
/**
 * `asl test`'s engine: find `*.asl.test.json|yaml` files, run their cases (virtual clock, local
 * world, mocks) and check status, output, error/cause, the states path and the world; report as text
 * (`N passed, M failed`) or JUnit XML.
 * @example
 * const results = await runTestFiles(['order.asl.test.json'], { readFile: (p) => readFile(p, 'utf8') });
 * console.log(renderText(results));
 */
export * from './runner/index.js';
/**
 * Runs a definition once on a self-advancing VirtualClock with a fresh local world, mocks, local
 * Lambdas and optional Task faults; returns `{ result, history, path, trace, world }`.
 * @example
 * const { result, path } = await runMachine(definition, { orderId: 'o-1' }, { mocks });
 */
export { runMachine } from './run-machine.js';
export type { RunMachineOptions } from './run-machine.js';
export type { HarnessOptions, MachineRun } from './harness.js';
export type { TraceStep } from './fault-player.js';
/**
 * Property-based testing with fast-check (an optional peer dependency): Task outcomes derived from
 * the definition, inputs from a JSON Schema, and properties checked over thousands of runs.
 * @example
 * await checkMachine(definition, { input: inputFrom(schema), outcomes: taskOutcomes(definition), property: neverFailsUnhandled(), runs: 500 });
 */
export { checkMachine, PropertyFailure } from './check.js';
export type { CheckMachineOptions, CheckSummary } from './check.js';
export { taskOutcomes } from './outcomes.js';
export type { TaskOutcome, TaskOutcomesOptions, TaskSchedule } from './outcomes.js';
export { inputFrom, UnsupportedSchemaError } from './json-schema.js';
export { alwaysEndsIn, everyCatchReachable, neverFailsUnhandled, outputSatisfies } from './properties.js';
export type { MachineProperty, OutputPredicate } from './properties.js';
/** Coverage over the runs of a whole suite: pass it to each checkMachine, then `expect(cov.uncovered('catch')).toEqual([])`. */
export { suiteCoverage } from './suite-coverage.js';
export type { SuiteCoverage, SuiteCoverageKind } from './suite-coverage.js';
/** The trace text a failing check prints, for a run from runMachine. */
export { formatRun } from './trace.js';
