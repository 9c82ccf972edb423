// Drives test/fixtures/durable/worker.mjs for the kill -9 test: spawn it on a store file, let it go
// once it loaded the library, optionally SIGKILL it a given time later, and report what it printed
// and how it ended.
// Real processes and real time are the point here (a crash cannot be simulated in-process), so this
// file uses wall-clock timers, which the runtime tests never do.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WORKER = fileURLToPath(new URL('../fixtures/durable/worker.mjs', import.meta.url));
export const BUILT_LIBRARY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** The workload both the worker and the test read: machines, executions, the worker's concurrency. */
export interface KillWorkload {
  readonly concurrency: number;
  readonly machines: Readonly<Record<string, object>>;
  readonly executions: ReadonlyArray<{ readonly machine: string; readonly name: string; readonly input: Record<string, unknown> }>;
}

export function readWorkload(): KillWorkload {
  return JSON.parse(readFileSync(new URL('../fixtures/durable/kill-workload.json', import.meta.url), 'utf8')) as KillWorkload;
}

/** The worker runs the built library: fail with the remedy rather than with a module-not-found trace. */
export function requireBuiltLibrary(): void {
  if (!existsSync(BUILT_LIBRARY)) {
    throw new Error(`${BUILT_LIBRARY} is missing: the kill -9 test runs the built library in child processes; run \`npm run build\` first.`);
  }
}

export interface ChildRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Wall-clock ms (Date.now) when the child printed "opened" (its engine had resumed), if it did. */
  readonly openedAt: number | undefined;
}

/** When to SIGKILL a worker: `afterMs` after its go (mid-open) or after it set to work (mid-work). */
export interface KillAt {
  readonly afterMs: number;
  readonly from: 'go' | 'working';
}

/** A worker that loaded the library and waits for its "go" (see worker.mjs). */
export interface ReadyWorker {
  /** Lets it open the store and start the first `released` executions, and kills it as `kill` says. */
  go(released: number, kill?: KillAt): Promise<ChildRun>;
  /** Kills a worker that was never let go. */
  dispose(): Promise<void>;
}

/**
 * Spawns a worker and resolves once it loaded the library. It is killed anyway `deadlineMs` after its
 * go, so that a hung worker fails the test instead of stalling it.
 */
export function prepareWorker(store: string, deadlineMs: number): Promise<ReadyWorker> {
  const child = spawn(process.execPath, [WORKER, store, '--wait'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let openedAt: number | undefined;
  let onWorking = (): void => undefined;
  let working = false;
  const ended = new Promise<ChildRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ stdout, stderr, code, signal, openedAt }));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A worker that died before its go makes the write fail (EPIPE); `ended` reports how it died.
  child.stdin.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const ready: ReadyWorker = {
      async go(released, kill) {
        const timers = [setTimeout(() => child.kill('SIGKILL'), deadlineMs)];
        const killLater = (): void => {
          if (kill !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), kill.afterMs));
        };
        if (kill?.from === 'working') onWorking = killLater;
        else killLater();
        child.stdin.end(`go ${released}\n`);
        const run = await ended;
        timers.forEach(clearTimeout);
        return run;
      },
      async dispose() {
        child.kill('SIGKILL');
        await ended;
      },
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (openedAt === undefined && stdout.includes('opened\n')) openedAt = Date.now();
      if (!working && stdout.includes('working\n')) {
        working = true;
        onWorking();
      }
      if (stdout.startsWith('loaded\n')) resolve(ready);
    });
    void ended.then((run) => reject(new Error(`worker ended before it loaded (${run.signal ?? run.code}): ${run.stderr}`)), reject);
  });
}

/** "exec work 3" → count, from the worker's side file (one line per Lambda invocation). */
export function countInvocations(store: string): Map<string, number> {
  const counts = new Map<string, number>();
  const file = `${store}.calls`;
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line !== '') counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return counts;
}
