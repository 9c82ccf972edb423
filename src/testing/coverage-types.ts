// CONTRACT: coverage on the definition — what `asl test --coverage`, the asl-engine/testing helpers
// and the HTML report share. Every item is a place in the definition named by a JSON Pointer, as
// diagnostics name them, so a report can point at the line of the `.asl.json` it is about.
import type { ExecutionProbe } from '../runtime/probe.js';
import type { IstanbulCoverageMap } from './istanbul-types.js';

/** What coverage counts, each a list of items of the definition. */
export type CoverageKind = 'states' | 'transitions' | 'choiceRules' | 'retriers' | 'catchers';

export const COVERAGE_KINDS: readonly CoverageKind[] = ['states', 'transitions', 'choiceRules', 'retriers', 'catchers'];

/** One thing a run can exercise, and how many times the runs did. */
export interface CoverageItem {
  readonly kind: CoverageKind;
  /**
   * Unique within the definition. The JSON Pointer of the item for all kinds but transitions:
   * `/States/A` (state), `/States/C/Choices/0` or `/States/C/Default` (Choice rule),
   * `/States/T/Retry/1`, `/States/T/Catch/0`; for a transition `<from pointer> -> <to pointer>`.
   */
  readonly key: string;
  /** Where the item is written in the definition (a transition: its Next, Default or Catch Next field). */
  readonly pointer: string;
  /** The name of the state the item belongs to (a transition: the state it leaves). */
  readonly state: string;
  /** Readable: `Charge (Task)`, `Check -> Done`, `$.n > 1 -> Big`, `Default -> Small`, `Retry States.ALL (max 3)`. */
  readonly label: string;
  /** Transitions only: the pointers of the states it links. */
  readonly from?: string;
  readonly to?: string;
  readonly hits: number;
}

/** One kind's numbers: every item, and the ones no run reached. */
export interface KindCoverage {
  readonly covered: number;
  readonly total: number;
  /** 100 when there is nothing to cover (as Istanbul reports an empty file). */
  readonly percent: number;
  readonly items: readonly CoverageItem[];
  readonly uncovered: readonly CoverageItem[];
}

export interface CoverageReport {
  /** The definition file the items are in (the `fileName` option), when known. */
  readonly fileName: string | undefined;
  readonly states: KindCoverage;
  readonly transitions: KindCoverage;
  /** Each top-level rule of each Choice, and each Choice's Default. */
  readonly choiceRules: KindCoverage;
  readonly retriers: KindCoverage;
  readonly catchers: KindCoverage;
}

/**
 * The counts as plain JSON, for merging runs made in other processes (vitest workers, CI shards):
 * hits by item key. `definition` identifies the machine (the item keys, in order), so data from a
 * different definition is refused rather than silently mixed in.
 */
export interface CoverageData {
  readonly version: 1;
  readonly fileName: string | undefined;
  readonly definition: string;
  readonly hits: Readonly<Record<string, number>>;
}

export interface CoverageCollector {
  /** Pass as StateMachineOptions.probe: every execution of that machine adds to this collector. */
  readonly probe: ExecutionProbe;
  readonly fileName: string | undefined;
  /** Adds another collector's counts (or its toJSON()) for the same definition. */
  merge(other: CoverageCollector | CoverageData): void;
  report(): CoverageReport;
  /** The items of one kind no run reached. */
  uncovered(kind: CoverageKind): readonly CoverageItem[];
  /**
   * Throws a CoverageError naming every uncovered item of the given kinds (default: all), e.g.
   * `coverage.assertCovered('catchers')` for "every Catch handler ran".
   */
  assertCovered(kinds?: CoverageKind | readonly CoverageKind[]): void;
  /** A text table: per kind covered/total/%, then what was missed. */
  table(): string;
  /** Istanbul's coverage-final.json for the definition file: states as statements, scopes as functions, Choice/Retry/Catch as branches. */
  toIstanbul(): IstanbulCoverageMap;
  /** Visits per state by JSON Pointer (what the graph's GraphHighlight.coverage takes). */
  stateHits(): Record<string, number>;
  toJSON(): CoverageData;
  /** Forgets every count. */
  reset(): void;
}

/** Thrown by assertCovered; `missing` lists what no run reached. */
export class CoverageError extends Error {
  constructor(readonly missing: readonly CoverageItem[]) {
    super(`Not covered (${missing.length}):\n${missing.map((item) => `  ${KIND_NAMES[item.kind]}: ${item.label} at ${item.pointer}`).join('\n')}`);
    this.name = 'CoverageError';
  }
}

/** Singular readable names of the kinds, for tables and messages. */
export const KIND_NAMES: Readonly<Record<CoverageKind, string>> = {
  states: 'state',
  transitions: 'transition',
  choiceRules: 'Choice rule',
  retriers: 'Retry',
  catchers: 'Catch',
};
