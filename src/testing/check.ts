// checkMachine: a property of a state machine, checked over generated inputs and Task outcomes
// with fast-check, in one line inside any test runner. One machine is compiled and started many
// times; a failure throws an Error that prints the shrunk counterexample's trace and the seed and
// path that replay it.
import fc from 'fast-check';
import type { JsonValue } from '../core/json.js';
import { createHarness, type HarnessOptions, type MachineRun } from './harness.js';
import { scheduleTargetOf, type TaskSchedule } from './outcomes.js';
import type { MachineProperty } from './properties.js';
import type { SuiteCoverage } from './suite-coverage.js';
import { formatRun } from './trace.js';

export interface CheckMachineOptions extends HarnessOptions {
  /** Execution inputs; default: always `{}`. */
  readonly input?: fc.Arbitrary<JsonValue>;
  /** Task outcomes from taskOutcomes(definition); default: every Task answers for real (or from mocks). */
  readonly outcomes?: fc.Arbitrary<TaskSchedule>;
  /** One property or several; each run must satisfy all of them. */
  readonly property: MachineProperty | readonly MachineProperty[];
  /** Default 100. */
  readonly runs?: number;
  /** fast-check's seed; with `path`, replays one counterexample exactly. */
  readonly seed?: number;
  readonly path?: string;
  /** Coverage of a whole suite (suiteCoverage): every run of this check adds to it. */
  readonly coverage?: SuiteCoverage;
}

export interface CheckSummary {
  readonly runs: number;
  readonly seed: number;
}

/** Thrown by checkMachine when a property fails; the message holds the shrunk trace and the replay. */
export class PropertyFailure extends Error {
  constructor(
    message: string,
    readonly seed: number,
    readonly path: string | undefined,
    readonly counterexample: MachineRun | undefined,
  ) {
    super(message);
    this.name = 'PropertyFailure';
  }
}

export async function checkMachine(definition: JsonValue, options: CheckMachineOptions): Promise<CheckSummary> {
  const properties = ([] as MachineProperty[]).concat(options.property);
  const probes = properties.map((property) => property.begin?.(definition)).filter((probe) => probe !== undefined);
  if (options.coverage !== undefined) probes.push(options.coverage.probe);
  const outcomes = options.outcomes ?? fc.constant<TaskSchedule>({});
  const harness = createHarness(definition, scheduleTargetOf(outcomes), { ...options, probes: [...(options.probes ?? []), ...probes], keepHistory: false });
  const verdict = (run: MachineRun): { property: string; reason: string } | undefined => {
    for (const property of properties) {
      const reason = property.check(run, harness.model);
      if (reason !== undefined) return { property: property.name, reason };
    }
    return undefined;
  };
  const property = fc.asyncProperty(options.input ?? fc.constant<JsonValue>({}), outcomes, async (input, schedule) => {
    const run = await harness.run(input, schedule);
    return verdict(run) === undefined;
  });
  const details = await fc.check(property, {
    numRuns: options.runs ?? 100,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (details.failed) {
    if (details.counterexample === null) throw new PropertyFailure(`checkMachine: ${String(details.errorInstance)}`, details.seed, undefined, undefined);
    const [input, schedule] = details.counterexample;
    // Runs are deterministic (virtual clock, seeded machine), so running the shrunk case again
    // gives the very trace that failed.
    const run = await harness.run(input, schedule);
    const broken = verdict(run) ?? { property: properties.map((one) => one.name).join(', '), reason: 'it failed when shrunk but passed when run again (is a Lambda handler nondeterministic?)' };
    const message = [
      `checkMachine: property ${broken.property} failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s): ${broken.reason}.`,
      formatRun(run),
      `replay: checkMachine(definition, { ..., seed: ${details.seed}, path: '${details.counterexamplePath}' })`,
    ].join('\n');
    throw new PropertyFailure(message, details.seed, details.counterexamplePath, run);
  }
  for (const one of properties) {
    const reason = one.afterAll?.();
    if (reason !== undefined) {
      throw new PropertyFailure(`checkMachine: property ${one.name} failed over ${details.numRuns} run(s): ${reason}.\nreplay: checkMachine(definition, { ..., seed: ${details.seed} })`, details.seed, undefined, undefined);
    }
  }
  return { runs: details.numRuns, seed: details.seed };
}
