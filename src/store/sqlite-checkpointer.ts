// WAL checkpoints on a worker thread, for a long-lived store under load (`asl serve`). By default
// SQLite copies the WAL back into the database file on the connection that commits once the WAL
// passes 1,000 pages: on the event loop, with two fsyncs, a stall of 10-30 ms on this project's
// machine every few thousand executions, which was most of StartExecution's p99 in bench:serve.
// Here the store's own connection never checkpoints (wal_autocheckpoint = 0) and a worker's
// connection runs a PASSIVE checkpoint every interval instead (asked by a timer of this thread): it copies what no reader needs
// without blocking the store's transactions. What a commit makes durable is unchanged (the WAL
// holds it either way); only where the copying happens moves.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { everyRealInterval } from '../core/clock.js';

/** How often the worker checkpoints (a checkpoint with nothing new to copy costs next to nothing). */
const DEFAULT_INTERVAL_MS = 100;

/** CommonJS run by the worker (eval: no file of its own, so the bundled CLI needs nothing beside it). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
let failed = false;
function checkpoint() {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    failed = false;
    return { framesInLog: result.log, framesCopied: result.checkpointed };
  } catch (error) {
    // Told once: the store's own connection takes checkpoints over until this one works again.
    if (!failed) parentPort.postMessage({ error: String((error && error.message) || error) });
    failed = true;
    return undefined;
  }
}
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return void checkpoint();
  if (message === 'checkpoint and answer') return parentPort.postMessage({ checkpointed: checkpoint() });
  db.close();
  parentPort.close();
});
`;/** What one checkpoint did, in WAL frames (pages). */
export interface CheckpointResult {
  readonly framesInLog: number;
  readonly framesCopied: number;
}

export interface BackgroundCheckpoints {
  /** A checkpoint now, on the worker (besides the ones of every interval); undefined if it failed. */
  checkpointNow(): Promise<CheckpointResult | undefined>;
  /** Stops the worker and closes its connection (before the store's own, so that one checkpoints last). */
  close(): Promise<void>;
}

export interface CheckpointOptions {
  /** Default 100 ms. */
  readonly intervalMs?: number;
  readonly busyTimeoutMs: number;
  /** Told when a checkpoint failed (once); the store goes on. */
  readonly onError?: (message: string) => void;
}

export function startBackgroundCheckpoints(file: string, options: CheckpointOptions): BackgroundCheckpoints {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite, busyTimeoutMs: options.busyTimeoutMs } });
  // The process may end with the store open (a CLI that exits): the worker must not keep it alive.
  worker.unref();
  const asked: ((result: CheckpointResult | undefined) => void)[] = [];
  worker.on('message', (message: { error?: string; checkpointed?: CheckpointResult }) => {
    if (message.error !== undefined) options.onError?.(message.error);
    else asked.shift()?.(message.checkpointed);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  let gone = false;
  // The interval runs here, on the main thread's clock module: the worker only answers.
  const stopInterval = everyRealInterval(options.intervalMs ?? DEFAULT_INTERVAL_MS, () => worker.postMessage('checkpoint'));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      stopInterval();
      gone = true;
      for (const answer of asked.splice(0)) answer(undefined);
      resolve();
    }),
  );
  let closing: Promise<void> | undefined;
  return {
    checkpointNow: () =>
      new Promise((resolve) => {
        if (closing !== undefined || gone) return resolve(undefined);
        // An answer is awaited: the worker keeps the process alive until it comes.
        worker.ref();
        asked.push((result) => {
          if (asked.length === 0 && closing === undefined) worker.unref();
          resolve(result);
        });
        worker.postMessage('checkpoint and answer');
      }),
    close: () => {
      if (closing === undefined) {
        stopInterval();
        // Kept alive until it has closed its connection: the process must not end in between.
        worker.ref();
        worker.postMessage('close');
        closing = exited;
      }
      return closing;
    },
  };
}
