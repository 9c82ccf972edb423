// The checks every ExecutionStore makes the same way, so the memory and SQLite stores cannot drift
// apart: what a new execution and a commit must look like, the page token, the lease message.
import type { HistoryEvent } from '../core/events.js';
import { StoreConflictError, StoreError, StoreLockedError } from './errors.js';
import type { Commit, ExecutionSummary, NewExecution, StoreOwner } from './types.js';

/** Ids must run on from `lastEventId` with no gap or overlap, so no event is lost or doubled. */
export function checkContinuation(arn: string, lastEventId: number, events: readonly HistoryEvent[]): void {
  events.forEach((event, i) => {
    const expected = lastEventId + 1 + i;
    if (event.id === expected) return;
    const what = event.id <= lastEventId ? 'overlaps the stored history' : 'leaves a gap in the history';
    throw new StoreConflictError(
      `Commit to execution ${arn} ${what}: event ${i + 1} of the commit has id ${event.id}, expected ${expected} ` +
        `(the store holds events up to ${lastEventId}). Was the execution resumed by another engine?`,
    );
  });
}

/** A new execution starts its history at id 1 with at least ExecutionStarted. */
export function checkNewExecution(execution: NewExecution): void {
  if (execution.events.length === 0) {
    throw new StoreConflictError(`Execution ${execution.arn} must be stored with its first events (at least ExecutionStarted).`);
  }
  checkContinuation(execution.arn, 0, execution.events);
}

/** A RUNNING commit carries the snapshot a resumed run continues from. */
export function checkCommitShape(commit: Commit): void {
  if (commit.status === 'RUNNING' && commit.snapshot === undefined) {
    throw new StoreConflictError(`Commit to execution ${commit.arn} keeps it RUNNING but has no snapshot to resume from.`);
  }
}

export function unknownExecution(arn: string): StoreConflictError {
  return new StoreConflictError(`Cannot commit to execution ${arn}: it is not in the store.`);
}

export function finishedExecution(arn: string, status: string): StoreConflictError {
  return new StoreConflictError(`Cannot commit to execution ${arn}: it already finished (${status}).`);
}

export function duplicateExecution(arn: string): StoreConflictError {
  return new StoreConflictError(`An execution named ${arn} is already in the store; pick another name.`);
}

/** What StoreLockedError says, whichever store holds the lease. */
export function lockedError(where: string, holder: Pick<StoreOwner, 'pid' | 'host'>): StoreLockedError {
  return new StoreLockedError(
    `${where} is in use by asl-engine process ${holder.pid} on ${holder.host}; stop it first, or use another store.`,
  );
}

/** Where a listing page ends: executions are ordered by (startDate desc, arn desc). */
export interface PageCursor {
  readonly startDate: number;
  readonly arn: string;
}

/** Opaque to callers; base64url of a small JSON array so it survives URLs and command lines. */
export function encodePageToken(last: ExecutionSummary): string {
  return Buffer.from(JSON.stringify([last.startDate, last.arn]), 'utf8').toString('base64url');
}

export function decodePageToken(token: string): PageCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'number' && typeof decoded[1] === 'string') {
    return { startDate: decoded[0], arn: decoded[1] };
  }
  throw new StoreError(`"${token}" is not a page token from listExecutions; pass the 'next' value of the previous page.`);
}

/** True when `summary` comes after the cursor in listing order. */
export function isAfterCursor(summary: ExecutionSummary, cursor: PageCursor): boolean {
  return summary.startDate < cursor.startDate || (summary.startDate === cursor.startDate && summary.arn < cursor.arn);
}

/** A page size or history limit: a positive integer, or undefined for "all". */
export function checkLimit(limit: number | undefined, what: string): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new StoreError(`${what} limit must be a positive integer, got ${limit}.`);
  }
}
