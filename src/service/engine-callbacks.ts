// The engine's task tokens and activities (INTEGRATIONS.md §4, §5): one CallbackHub for all its
// machines, so that any execution's token can be answered through the engine (or `asl serve`), and
// the activities created through it, kept in the store. An answer returns once the execution's next
// commit holds it: an acknowledged SendTaskSuccess is not lost to a crash.
import { onNextTurn } from '../core/clock.js';
import type { JsonValue } from '../core/json.js';
import type { ActivityTask } from '../runtime/activities.js';
import { CallbackHub, TaskTokenError, tokenExecution } from '../runtime/callbacks.js';
import type { ActivityResource, ExecutionStore, ResourceTag } from '../store/types.js';

export type ActivityRecord = ActivityResource;

export interface ActivityPoll {
  readonly workerName?: string;
  /** How long to wait for a task when none is queued (AWS: 60 s); default 0. */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

export interface EngineCallbackParts {
  readonly store: ExecutionStore;
  readonly now: () => number;
  /** Sleeps on the engine's clock (long polls). */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Commits what the running execution recorded so far; resolves at once when the engine does not run it. */
  readonly flush: (executionArn: string) => Promise<void>;
  readonly region: string;
  readonly accountId: string;
}

export class EngineCallbacks {
  readonly hub: CallbackHub;
  private readonly activities = new Map<string, ActivityRecord>();

  constructor(private readonly parts: EngineCallbackParts) {
    this.hub = new CallbackHub({ activityExists: (arn) => this.activities.has(arn) });
  }

  async sendTaskSuccess(token: string, output: JsonValue): Promise<void> {
    await this.answer(token, () => this.hub.sendTaskSuccess(token, output));
  }

  async sendTaskFailure(token: string, error?: string, cause?: string): Promise<void> {
    await this.answer(token, () => this.hub.sendTaskFailure(token, error, cause));
  }

  async sendTaskHeartbeat(token: string): Promise<void> {
    await this.answer(token, () => this.hub.sendTaskHeartbeat(token), false);
  }

  /** Reads the store's activities (when the engine opens). */
  async load(): Promise<void> {
    for (const activity of await this.parts.store.listActivities()) this.activities.set(activity.arn, activity);
  }

  /** CreateActivity: idempotent for a name, as AWS's is (the tags of a first creation stay). */
  async createActivity(name: string, tags: readonly ResourceTag[] = []): Promise<ActivityRecord> {
    const arn = `arn:aws:states:${this.parts.region}:${this.parts.accountId}:activity:${name}`;
    const known = this.activities.get(arn);
    if (known !== undefined) return known;
    const created: ActivityRecord = { arn, name, createdAt: this.parts.now(), tags: [...tags] };
    await this.parts.store.putActivity(created);
    this.activities.set(arn, created);
    return created;
  }

  /** Replaces an activity's tags; false when there is no such activity. */
  async tagActivity(arn: string, tags: readonly ResourceTag[]): Promise<boolean> {
    const known = this.activities.get(arn);
    if (known === undefined) return false;
    const tagged: ActivityRecord = { ...known, tags: [...tags] };
    await this.parts.store.putActivity(tagged);
    this.activities.set(arn, tagged);
    return true;
  }

  describeActivity(arn: string): ActivityRecord | undefined {
    return this.activities.get(arn);
  }

  listActivities(): ActivityRecord[] {
    return [...this.activities.values()];
  }

  async deleteActivity(arn: string): Promise<void> {
    await this.parts.store.deleteActivity(arn);
    this.activities.delete(arn);
  }

  /** GetActivityTask: the oldest queued task of the activity, long-polling up to waitMs; undefined when none came. */
  getActivityTask(activityArn: string, poll: ActivityPoll = {}): Promise<ActivityTask | undefined> {
    if (!this.activities.has(activityArn)) return Promise.reject(new TaskTokenError('ActivityDoesNotExist', `Activity Does Not Exist: '${activityArn}'`));
    return this.hub.getActivityTask(activityArn, {
      ...(poll.workerName === undefined ? {} : { workerName: poll.workerName }),
      ...(poll.signal === undefined ? {} : { signal: poll.signal }),
      waitMs: poll.waitMs ?? 0,
      sleep: this.parts.sleep,
    });
  }

  /**
   * Delivers an answer; a token of an execution this engine does not run now, but whose stored
   * execution has ended, is AWS's TaskTimedOut. Then waits for the commit that holds the answer.
   */
  private async answer(token: string, deliver: () => void, ends = true): Promise<void> {
    try {
      deliver();
    } catch (error) {
      const execution = tokenExecution(token);
      if (error instanceof TaskTokenError && error.code === 'TaskDoesNotExist' && execution !== undefined) {
        if ((await this.parts.store.getExecution(execution)) !== undefined) throw new TaskTokenError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
      }
      throw error;
    }
    if (!ends) return;
    const execution = tokenExecution(token);
    if (execution === undefined) return;
    // The task takes the answer in a few microtasks; the commit after that turn holds it.
    await new Promise<void>((resolve) => onNextTurn(resolve));
    await this.parts.flush(execution);
  }
}
