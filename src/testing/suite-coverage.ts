// Coverage accumulated over the runs of a test suite: one collector (createCoverage) whose probe
// every checkMachine given it passes to its machine, so each check's runs add to the same counts.
import type { JsonValue } from '../core/json.js';
import type { ExecutionProbe } from '../runtime/probe.js';
import { createCoverage } from './coverage.js';
import type { CoverageCollector, CoverageKind } from './coverage-types.js';

/** The short kind names read well in tests: `cov.uncovered('catch')`. */
export type SuiteCoverageKind = CoverageKind | 'state' | 'transition' | 'choice' | 'retry' | 'catch';

const KIND_ALIASES: Readonly<Record<SuiteCoverageKind, CoverageKind>> = {
  states: 'states', transitions: 'transitions', choiceRules: 'choiceRules', retriers: 'retriers', catchers: 'catchers',
  state: 'states', transition: 'transitions', choice: 'choiceRules', retry: 'retriers', catch: 'catchers',
};

export interface SuiteCoverage {
  /** The underlying collector: report(), table(), toIstanbul(), assertCovered(). */
  readonly collector: CoverageCollector;
  readonly probe: ExecutionProbe;
  /** What no run reached, as `label at pointer`; `[]` when everything of that kind was. */
  uncovered(kind: SuiteCoverageKind): readonly string[];
}

export function suiteCoverage(definition: JsonValue): SuiteCoverage {
  const collector = createCoverage(definition);
  return {
    collector,
    probe: collector.probe,
    uncovered: (kind) => collector.uncovered(KIND_ALIASES[kind]).map((item) => `${item.label} at ${item.pointer}`),
  };
}
