// `asl serve` as a real child process for the kill -9 test: the CLI bundled from src/ (what
// `npm run build` makes of dist/, as test/cli/run-interrupt.test.ts does it), so the test never runs a
// stale dist/ and never rewrites the dist/ others may be using; started on a store file, killed with
// SIGKILL or stopped with Ctrl-C (SIGINT).
// Real processes and real time are the point here, so this file uses wall-clock timers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A server that has not said where it listens by then is hung: the test fails instead of stalling. */
const START_DEADLINE_MS = 20_000;

/** Bundles the CLI into `dir`/bin/cli/asl.mjs; packages stay imports, found through a link to node_modules. */
export async function bundleCli(dir: string): Promise<string> {
  const cli = join(dir, 'bin', 'cli', 'asl.mjs');
  mkdirSync(join(dir, 'bin', 'cli'), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // program.ts reads ../../package.json (from bin/cli/) for --version.
  writeFileSync(join(dir, 'package.json'), '{"version": "0.0.0-test"}');
  return cli;
}

export interface ServeProcess {
  /** http://127.0.0.1:PORT, as the server printed it. */
  readonly url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** SIGKILL: no shutdown, no final commit; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Ctrl-C: resolves with the exit code once the server stopped and closed its store. */
  interrupt(): Promise<number | null>;
}

/** Starts `asl serve --port 0 --store <store>` (no --store: its default, in `cwd`) and resolves once it listens. */
export function startServe(cli: string, store: string | undefined, cwd?: string): Promise<ServeProcess> {
  const args = [cli, 'serve', '--port', '0', ...(store === undefined ? [] : ['--store', store])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`asl serve did not start within ${START_DEADLINE_MS} ms: ${stdout}${stderr}`));
    }, START_DEADLINE_MS);
    child.on('error', reject);
    void exited.then(({ code, signal }) => {
      clearTimeout(deadline);
      reject(new Error(`asl serve exited (${signal ?? code}) before it listened: ${stdout}${stderr}`));
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /on (http:\/\/\S+) /.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(deadline);
      resolve({
        url,
        stderr: () => stderr,
        stdout: () => stdout,
        async kill9() {
          child.kill('SIGKILL');
          await exited;
        },
        async interrupt() {
          child.kill('SIGINT');
          return (await exited).code;
        },
      });
    });
  });
}
