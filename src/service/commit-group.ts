// Group commit: the durable runs of one engine that have something to commit on a turn of the event
// loop commit together, in one store transaction (ExecutionStore.commitMany), rather than one
// transaction each. A server starting many short executions at once spends most of a commit's cost
// per transaction (SQLite writes the touched pages to its WAL whole), so fifty executions started in
// one turn cost little more than one. Every write still settles only after the transaction that
// holds it, so what a run promises once its commit settles is as durable as before.
import { onNextTurn } from '../core/clock.js';
import type { ExecutionStore, StoreWrite } from '../store/types.js';

/** A durable run as the group sees it (DurableRun). */
export interface GroupMember {
  /** What to write, asked at the group's commit (a running execution's snapshot is taken then); undefined: nothing now. */
  takeWrite(): StoreWrite | undefined;
  /** The write taken from this member is stored (undefined), or was refused or lost (the error). */
  written(error: Error | undefined): void;
}

export class CommitGroup {
  private members: GroupMember[] = [];
  private scheduled = false;
  /** The last commit's store call: the next one waits for it, so one execution's commits stay in order. */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly store: ExecutionStore) {}

  /** Puts `member` in the commit of the next turn; a member joins at most once per commit. */
  join(member: GroupMember): void {
    this.members.push(member);
    if (this.scheduled) return;
    this.scheduled = true;
    onNextTurn(this.commitNow);
  }

  /** Commits the members that joined, now; resolves once every write taken so far is settled. */
  readonly commitNow = (): Promise<void> => {
    this.scheduled = false;
    const members = this.members;
    if (members.length === 0) return this.last;
    this.members = [];
    const taken: GroupMember[] = [];
    const writes: StoreWrite[] = [];
    for (const member of members) {
      const write = member.takeWrite();
      if (write === undefined) continue;
      taken.push(member);
      writes.push(write);
    }
    if (writes.length === 0) return this.last;
    this.last = this.last
      .then(() => this.store.commitMany(writes))
      .then(
        (outcomes) => taken.forEach((member, i) => member.written(outcomes[i])),
        (error: unknown) => {
          // The store itself failed: the transaction stored none of them.
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const member of taken) member.written(failure);
        },
      );
    return this.last;
  };

  /** Resolves once every write taken so far is settled. */
  idle(): Promise<void> {
    return this.last;
  }
}
