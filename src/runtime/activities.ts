// Activities (INTEGRATIONS.md §4): an activity Task puts its token and input in its activity's
// queue; a worker takes the oldest with GetActivityTask (long-polling when there is none yet), then
// answers through the token API (callbacks.ts). The queues live in memory: a resumed execution puts
// its waiting activity task back in the queue when it goes on.
import { isAborted } from '../core/abort.js';
import { AslError } from '../core/errors.js';
import { LiveTable } from '../core/live-table.js';
import type { ActivityOffer } from '../states/context.js';

export interface ActivityTask {
  readonly taskToken: string;
  /** The task's input, as JSON text. */
  readonly input: string;
}

export interface GetActivityTaskOptions {
  readonly workerName?: string;
  /** How long to wait for a task when none is queued (AWS long-polls for 60 s); default 0. */
  readonly waitMs?: number;
  /** Waits `ms` (the caller's clock), or rejects when `signal` aborts. Required when waitMs > 0. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Ends the poll early (the client went away). */
  readonly signal?: AbortSignal;
}

interface Poller {
  readonly deliver: (offer: ActivityOffer) => void;
}

// LiveTables, not Maps: tokens and emptied queues come and go with every task (live-table.ts says why).
export class ActivityQueues {
  private readonly queued = new LiveTable<ActivityOffer[]>();
  /** The activity each queued token waits in: every task's end withdraws its token (most are not queued). */
  private readonly queuedIn = new LiveTable<string>();
  private readonly pollers = new LiveTable<Poller[]>();

  constructor(
    private readonly exists: (activityArn: string) => boolean,
    /** Tells the waiting task that a worker took it. */
    private readonly taken: (token: string, workerName: string) => void,
  ) {}

  /** Queues an activity task, or hands it to a worker already polling. */
  offer(offer: ActivityOffer): void {
    if (offer.resumed !== true && !this.exists(offer.activityArn)) throw AslError.runtime(`The activity ${offer.activityArn} does not exist.`);
    const poller = this.pollers.get(offer.activityArn)?.shift();
    if (poller !== undefined) return poller.deliver(offer);
    this.enqueue(offer, false);
  }

  /** Takes a queued task out (it timed out, or its execution stopped) before any worker does. */
  withdraw(token: string): void {
    const arn = this.queuedIn.get(token);
    if (arn === undefined) return;
    this.queuedIn.delete(token);
    const queue = this.queued.get(arn) ?? [];
    const index = queue.findIndex((offer) => offer.token === token);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.queued.delete(arn);
  }

  /** The oldest task of the activity; waits up to waitMs for one; undefined when none came. */
  async take(activityArn: string, options: GetActivityTaskOptions): Promise<ActivityTask | undefined> {
    const workerName = options.workerName ?? '';
    const queue = this.queued.get(activityArn);
    const first = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.queued.delete(activityArn);
    if (first !== undefined) {
      this.queuedIn.delete(first.token);
      return this.hand(first, workerName);
    }
    const waitMs = options.waitMs ?? 0;
    if (waitMs <= 0 || options.sleep === undefined || options.signal?.aborted === true) return undefined;
    const stop = new AbortController();
    const onOuterAbort = (): void => stop.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let delivered: ActivityOffer | undefined;
    const poller: Poller = {
      deliver: (offer) => {
        delivered = offer;
        stop.abort();
      },
    };
    const pollers = this.pollers.get(activityArn) ?? [];
    pollers.push(poller);
    this.pollers.set(activityArn, pollers);
    try {
      await options.sleep(waitMs, stop.signal).catch(() => undefined);
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      const index = pollers.indexOf(poller);
      if (index >= 0) pollers.splice(index, 1);
      if (pollers.length === 0) this.pollers.delete(activityArn);
    }
    if (delivered === undefined) return undefined;
    if (options.signal !== undefined && isAborted(options.signal)) {
      // The worker went away as the task arrived: it goes back to the head of the queue, not lost.
      this.enqueue(delivered, true);
      return undefined;
    }
    return this.hand(delivered, workerName);
  }

  /** Tasks queued for an activity now. */
  queuedCount(activityArn: string): number {
    return this.queued.get(activityArn)?.length ?? 0;
  }

  private enqueue(offer: ActivityOffer, first: boolean): void {
    const queue = this.queued.get(offer.activityArn);
    if (queue === undefined) this.queued.set(offer.activityArn, [offer]);
    else if (first) queue.unshift(offer);
    else queue.push(offer);
    this.queuedIn.set(offer.token, offer.activityArn);
  }

  private hand(offer: ActivityOffer, workerName: string): ActivityTask {
    this.taken(offer.token, workerName);
    return { taskToken: offer.token, input: offer.input };
  }
}
