// The in-memory ExecutionStore: the default when no file is given, and the reference the SQLite
// store is tested against (one contract suite runs on both). Values are copied in and out, as a
// database would, so a caller that mutates what it passed or got back never changes the store.
import type { HistoryEvent } from '../core/events.js';
import { cloneJson, type JsonObject, type JsonValue } from '../core/json.js';
import { StoreClosedError } from './errors.js';
import { copyEvent, copyMachine, copyMapRun, copyResource } from './memory-copies.js';
import {
  checkCommitShape, checkContinuation, checkLimit, checkNewExecution, decodePageToken, duplicateExecution,
  encodePageToken, finishedExecution, isAfterCursor, lockedError, unknownExecution,
} from './store-rules.js';
import type {
  Commit, ExecutionFilter, ExecutionPage, ExecutionRecord, ExecutionStore, ExecutionSummary, HistoryQuery,
  ActivityResource, MachineRecord, MachineResource, MapRunRow, NewExecution, StoreOwner, StoreWrite,
} from './types.js';

/** What the store keeps per execution; `events` is its history in id order. */
interface StoredExecution {
  summary: ExecutionSummary;
  readonly input: JsonValue;
  readonly attributes: JsonObject;
  snapshot: JsonValue | undefined;
  outcome: Pick<ExecutionRecord, 'output' | 'error' | 'cause'>;
  readonly events: HistoryEvent[];
}

export function createMemoryStore(): ExecutionStore {
  return new MemoryStore();
}

class MemoryStore implements ExecutionStore {
  readonly kind = 'memory';
  #closed = false;
  #lease: StoreOwner | undefined;
  /** In insertion order, which breaks ties between versions registered at the same instant. */
  readonly #machines: MachineRecord[] = [];
  readonly #executions = new Map<string, StoredExecution>();
  readonly #resources = new Map<string, MachineResource>();
  readonly #activities = new Map<string, ActivityResource>();
  /** In insertion order (a replaced run keeps its place), which breaks ties between runs started together. */
  readonly #mapRuns = new Map<string, MapRunRow>();

  async acquire(owner: StoreOwner, isAlive: (pid: number, host: string) => boolean): Promise<void> {
    this.#checkOpen();
    const held = this.#lease;
    if (held !== undefined && held.id !== owner.id && isAlive(held.pid, held.host)) {
      throw lockedError('The in-memory store', held);
    }
    this.#lease = { id: owner.id, pid: owner.pid, host: owner.host };
  }

  async putMachine(machine: MachineRecord): Promise<void> {
    this.#checkOpen();
    const known = this.#machines.some((m) => m.arn === machine.arn && m.definitionHash === machine.definitionHash);
    if (!known) this.#machines.push({ ...machine, options: cloneJson(machine.options) });
  }

  async getMachine(arn: string, definitionHash?: string): Promise<MachineRecord | undefined> {
    this.#checkOpen();
    let found: MachineRecord | undefined;
    for (const m of this.#machines) {
      if (m.arn !== arn) continue;
      if (definitionHash !== undefined ? m.definitionHash === definitionHash : found === undefined || m.createdAt >= found.createdAt) {
        found = m;
      }
    }
    return found === undefined ? undefined : copyMachine(found);
  }

  async listMachines(): Promise<readonly MachineRecord[]> {
    this.#checkOpen();
    // Array.prototype.sort is stable, so versions of one arn created together stay in insertion order.
    const sorted = [...this.#machines].sort((a, b) => compareText(a.arn, b.arn) || a.createdAt - b.createdAt);
    return sorted.map(copyMachine);
  }

  async getMachineResource(arn: string): Promise<MachineResource | undefined> {
    this.#checkOpen();
    const found = this.#resources.get(arn);
    return found === undefined ? undefined : copyResource(found);
  }

  async putMachineResource(resource: MachineResource): Promise<void> {
    this.#checkOpen();
    this.#resources.set(resource.arn, copyResource(resource));
  }

  async listMachineResources(): Promise<readonly MachineResource[]> {
    this.#checkOpen();
    return [...this.#resources.values()].sort((a, b) => compareText(a.arn, b.arn)).map(copyResource);
  }

  async putActivity(activity: ActivityResource): Promise<void> {
    this.#checkOpen();
    this.#activities.set(activity.arn, { ...activity, tags: activity.tags.map((tag) => ({ ...tag })) });
  }

  async deleteActivity(arn: string): Promise<void> {
    this.#checkOpen();
    this.#activities.delete(arn);
  }

  async listActivities(): Promise<readonly ActivityResource[]> {
    this.#checkOpen();
    return [...this.#activities.values()]
      .sort((a, b) => a.createdAt - b.createdAt || compareText(a.arn, b.arn))
      .map((activity) => ({ ...activity, tags: activity.tags.map((tag) => ({ ...tag })) }));
  }

  async putMapRun(run: MapRunRow): Promise<void> {
    this.#checkOpen();
    this.#mapRuns.set(run.arn, copyMapRun(run));
  }

  async getMapRun(arn: string): Promise<MapRunRow | undefined> {
    this.#checkOpen();
    const found = this.#mapRuns.get(arn);
    return found === undefined ? undefined : copyMapRun(found);
  }

  async listMapRuns(executionArn: string): Promise<readonly MapRunRow[]> {
    this.#checkOpen();
    const runs = [...this.#mapRuns.values()].filter((run) => run.executionArn === executionArn);
    // Array.prototype.sort is stable: runs started at the same instant stay in the order they were first stored.
    return runs.sort((a, b) => a.startDate - b.startDate).map(copyMapRun);
  }

  async createExecution(execution: NewExecution): Promise<void> {
    this.#checkOpen();
    checkNewExecution(execution);
    if (this.#executions.has(execution.arn)) throw duplicateExecution(execution.arn);
    const events = execution.events.map(copyEvent);
    this.#executions.set(execution.arn, {
      summary: {
        arn: execution.arn,
        name: execution.name,
        machineArn: execution.machineArn,
        definitionHash: execution.definitionHash,
        status: 'RUNNING',
        startDate: execution.startDate,
        lastEventId: events.length,
      },
      input: cloneJson(execution.input),
      attributes: cloneJson(execution.attributes),
      snapshot: cloneJson(execution.snapshot),
      outcome: {},
      events,
    });
    const end = execution.outcome;
    if (end !== undefined) await this.commit({ arn: execution.arn, events: [], ...end });
  }

  async commit(commit: Commit): Promise<void> {
    this.#checkOpen();
    checkCommitShape(commit);
    const stored = this.#executions.get(commit.arn);
    if (stored === undefined) throw unknownExecution(commit.arn);
    const { summary } = stored;
    if (summary.status !== 'RUNNING') throw finishedExecution(commit.arn, summary.status);
    checkContinuation(commit.arn, summary.lastEventId, commit.events);
    // Copy everything before changing anything, so a failure leaves the execution as it was.
    const events = commit.events.map(copyEvent);
    const snapshot = commit.status === 'RUNNING' && commit.snapshot !== undefined ? cloneJson(commit.snapshot) : undefined;
    const output = commit.status !== 'RUNNING' && commit.output !== undefined ? cloneJson(commit.output) : undefined;
    for (const event of events) stored.events.push(event);
    stored.snapshot = snapshot;
    const lastEventId = summary.lastEventId + events.length;
    if (commit.status === 'RUNNING') {
      stored.summary = { ...summary, lastEventId };
      return;
    }
    stored.summary = { ...summary, lastEventId, status: commit.status, ...optional('stopDate', commit.stopDate) };
    stored.outcome = { ...optional('output', output), ...optional('error', commit.error), ...optional('cause', commit.cause) };
  }

  async commitMany(writes: readonly StoreWrite[]): Promise<readonly (Error | undefined)[]> {
    this.#checkOpen();
    const outcomes: (Error | undefined)[] = [];
    for (const write of writes) {
      try {
        if ('create' in write) await this.createExecution(write.create);
        else await this.commit(write.commit);
        outcomes.push(undefined);
      } catch (error) {
        outcomes.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  }

  async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
    this.#checkOpen();
    const stored = this.#executions.get(arn);
    if (stored === undefined) return undefined;
    const { output, error, cause } = stored.outcome;
    return {
      ...stored.summary,
      input: cloneJson(stored.input),
      attributes: cloneJson(stored.attributes),
      ...optional('output', output === undefined ? undefined : cloneJson(output)),
      ...optional('error', error),
      ...optional('cause', cause),
      ...optional('snapshot', stored.snapshot === undefined ? undefined : cloneJson(stored.snapshot)),
    };
  }

  async listExecutions(filter: ExecutionFilter = {}): Promise<ExecutionPage> {
    this.#checkOpen();
    checkLimit(filter.limit, 'listExecutions');
    const cursor = filter.after === undefined ? undefined : decodePageToken(filter.after);
    const matching: ExecutionSummary[] = [];
    for (const { summary } of this.#executions.values()) {
      if (filter.status !== undefined && summary.status !== filter.status) continue;
      if (filter.machineArn !== undefined && summary.machineArn !== filter.machineArn) continue;
      if (cursor !== undefined && !isAfterCursor(summary, cursor)) continue;
      matching.push(summary);
    }
    matching.sort((a, b) => b.startDate - a.startDate || compareText(b.arn, a.arn));
    const limit = filter.limit ?? matching.length;
    const executions = matching.slice(0, limit).map((summary) => ({ ...summary }));
    const last = executions[executions.length - 1];
    return matching.length > limit && last !== undefined ? { executions, next: encodePageToken(last) } : { executions };
  }

  async history(arn: string, query: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    this.#checkOpen();
    checkLimit(query.limit, 'history');
    const events = this.#executions.get(arn)?.events ?? [];
    // Ids are 1..n in order, so "after id k" is the slice from index k.
    const after = Math.max(0, Math.floor(query.afterId ?? 0));
    const selected = events.slice(after);
    if (query.reverse === true) selected.reverse();
    return selected.slice(0, query.limit ?? selected.length).map(copyEvent);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#lease = undefined;
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Orders strings by UTF-16 code units, as `<` does, without locale rules. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
