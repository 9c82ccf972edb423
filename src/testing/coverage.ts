// createCoverage: a collector that listens to executions through StateMachineOptions.probe and says
// which states, transitions, Choice rules (and Defaults), retriers and catchers of the definition
// they exercised — as numbers, a text table, or Istanbul JSON mapped onto the definition file.
import type { JsonValue } from '../core/json.js';
import { compileOrThrow } from '../definition/compile.js';
import type { StateMachineType } from '../definition/model.js';
import { ParsedDefinition, parseDefinition } from '../definition/source.js';
import type { ExecutionProbe, ProbeEvent } from '../runtime/probe.js';
import { buildCoverageModel, type CoverageModel, type ModelItem } from './coverage-model.js';
import { buildSlots, slotIndex, type StateSlots } from './coverage-slots.js';
import { coverageTable } from './coverage-table.js';
import {
  COVERAGE_KINDS,
  type CoverageCollector,
  type CoverageData,
  CoverageError,
  type CoverageItem,
  type CoverageKind,
  type CoverageReport,
  type KindCoverage,
} from './coverage-types.js';
import { type DefinitionSource, toIstanbul } from './coverage-istanbul.js';
import type { IstanbulCoverageMap } from './istanbul-types.js';

export interface CoverageOptions {
  /** The definition file: names the Istanbul entry and picks JSON or YAML for text. */
  readonly fileName?: string;
  /** Validation rules to compile the definition under. Default STANDARD. */
  readonly type?: StateMachineType;
}

/**
 * A coverage collector for one definition: its text (best: Istanbul positions are then those of
 * the file), its parsed form, or its JSON value (positions then refer to the value printed with
 * two-space indentation). Throws DefinitionError when the definition is invalid.
 *
 * @example
 * const coverage = createCoverage(text, { fileName: 'order.asl.json' });
 * const machine = createStateMachine(text, { probe: coverage.probe, mocks, clock: new VirtualClock({ autoAdvance: true }) });
 * await machine.start(input).result;
 * coverage.assertCovered('catchers');
 */
export function createCoverage(definition: string | JsonValue | ParsedDefinition, options: CoverageOptions = {}): CoverageCollector {
  const source = loadSource(definition, options.fileName);
  const machine = compileOrThrow(source.parsed, { type: options.type ?? 'STANDARD' });
  return new Coverage(buildCoverageModel(machine), source, options.fileName);
}

function loadSource(definition: string | JsonValue | ParsedDefinition, fileName: string | undefined): DefinitionSource {
  if (definition instanceof ParsedDefinition) return { parsed: definition, text: undefined };
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  const format = typeof definition === 'string' ? 'auto' : 'json';
  return { parsed: parseDefinition(text, { format, ...(fileName === undefined ? {} : { fileName }) }), text };
}

class Coverage implements CoverageCollector {
  readonly probe: ExecutionProbe;
  /** Hits by item index (the order of model.byKind, kind after kind). */
  private counts: number[];
  private readonly items: readonly ModelItem[];
  private readonly indexByKey: ReadonlyMap<string, number>;
  /** Per state pointer, where its events count: resolved once, so a probe event costs one Map lookup. */
  private readonly slots: ReadonlyMap<string, StateSlots>;

  constructor(
    private readonly model: CoverageModel,
    private readonly source: DefinitionSource,
    readonly fileName: string | undefined,
  ) {
    this.items = COVERAGE_KINDS.flatMap((kind) => model.byKind[kind]);
    this.indexByKey = new Map(this.items.map((item, i) => [item.key, i]));
    this.counts = new Array<number>(this.items.length).fill(0);
    this.slots = buildSlots(model, this.indexByKey);
    // An arrow bound once: the runtime calls it bare.
    this.probe = (event) => this.hear(event);
  }

  merge(other: CoverageCollector | CoverageData): void {
    const data = 'probe' in other ? other.toJSON() : other;
    if (data.version !== 1 || data.definition !== this.model.signature) {
      throw new Error(`Cannot merge coverage of a different definition${data.fileName === undefined ? '' : ` (${data.fileName})`}`);
    }
    for (const [key, count] of Object.entries(data.hits)) {
      const index = this.indexByKey.get(key);
      if (index !== undefined) this.counts[index] = (this.counts[index] as number) + count;
    }
  }

  report(): CoverageReport {
    const kinds = Object.fromEntries(COVERAGE_KINDS.map((kind) => [kind, this.kindCoverage(kind)])) as Record<CoverageKind, KindCoverage>;
    return { fileName: this.fileName, ...kinds };
  }

  uncovered(kind: CoverageKind): readonly CoverageItem[] {
    return this.kindCoverage(kind).uncovered;
  }

  assertCovered(kinds: CoverageKind | readonly CoverageKind[] = COVERAGE_KINDS): void {
    const list: readonly CoverageKind[] = typeof kinds === 'string' ? [kinds] : kinds;
    const missing = list.flatMap((kind) => this.uncovered(kind));
    if (missing.length > 0) throw new CoverageError(missing);
  }

  table(): string {
    return coverageTable(this.report());
  }

  toIstanbul(): IstanbulCoverageMap {
    return toIstanbul(this.model, this.source, this.fileName, (key) => this.hitsOf(key));
  }

  stateHits(): Record<string, number> {
    return Object.fromEntries(this.model.byKind.states.map((item) => [item.pointer, this.hitsOf(item.key)]));
  }

  toJSON(): CoverageData {
    const hits: Record<string, number> = {};
    this.items.forEach((item, i) => {
      if ((this.counts[i] as number) > 0) hits[item.key] = this.counts[i] as number;
    });
    return { version: 1, fileName: this.fileName, definition: this.model.signature, hits };
  }

  reset(): void {
    this.counts = new Array<number>(this.items.length).fill(0);
  }

  /** Events about states this definition does not have (another machine's) are ignored. */
  private hear(event: ProbeEvent): void {
    const index = slotIndex(this.slots, event);
    if (index !== undefined) this.counts[index] = (this.counts[index] as number) + 1;
  }

  private hitsOf(key: string): number {
    const index = this.indexByKey.get(key);
    return index === undefined ? 0 : (this.counts[index] as number);
  }

  private kindCoverage(kind: CoverageKind): KindCoverage {
    const items = this.model.byKind[kind].map((item): CoverageItem => ({ ...item, hits: this.hitsOf(item.key) }));
    const uncovered = items.filter((item) => item.hits === 0);
    const covered = items.length - uncovered.length;
    return { covered, total: items.length, percent: percent(covered, items.length), items, uncovered };
  }
}

/** Rounded down to two decimals, so 99.999% never shows as 100. */
export function percent(covered: number, total: number): number {
  return total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100;
}
