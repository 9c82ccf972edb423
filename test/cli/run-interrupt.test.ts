// Ctrl-C on `asl run`: the execution stops as ABORTED, stderr says so, --history is still written
// and the exit code is 1. In process through the fake Io, then once for real with SIGINT.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from '../support/fake-io.js';
import { machine } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A loop that never waits and never ends: Ctrl-C is the only way out. */
const FOREVER = machine({
  Spin: { Type: 'Pass', Next: 'Check' },
  Check: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Spin' },
  Done: { Type: 'Succeed' },
});
const EXPRESS_FOREVER = ['--mode', 'express', '--max-transitions', 'Infinity'];

async function interruptedRun(extra: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; history: unknown[] }> {
  const io = fakeIo({ 'loop.json': FOREVER });
  const running = runCli(['node', 'asl', 'run', 'loop.json', ...EXPRESS_FOREVER, '--history', 'h.json', ...extra], io);
  let turns = 0;
  // The handler exists once the execution has started; the loop must then let the Ctrl-C in.
  while (!io.interrupt()) {
    await macrotask();
    if (++turns > 1000) throw new Error('asl run never listened for Ctrl-C');
  }
  const code = await running;
  return { code, stdout: io.out(), stderr: io.err(), history: JSON.parse(io.written.get('h.json') ?? '[]') as unknown[] };
}

describe('asl run: Ctrl-C (in process)', () => {
  it.each([['the system clock', []], ['--fast', ['--fast']]])('stops a loop that never waits on %s as ABORTED, exit 1', async (_clock, extra) => {
    const run = await interruptedRun(extra);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('asl: execution ABORTED: Interrupted by Ctrl-C (SIGINT).\n');
    expect(run.history.length).toBeGreaterThan(2);
    expect(run.history.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { cause: 'Interrupted by Ctrl-C (SIGINT).' } });
  });

  it('reports ABORTED in the --json result', async () => {
    const run = await interruptedRun(['--fast', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'ABORTED', cause: 'Interrupted by Ctrl-C (SIGINT).' });
  });

  it('stops listening once the execution has ended', async () => {
    const io = fakeIo({ 'm.json': machine({ P: { Type: 'Pass', End: true } }) });
    expect(await runCli(['node', 'asl', 'run', 'm.json'], io)).toBe(0);
    expect(io.interrupt()).toBe(false);
  });
});

describe('asl run: Ctrl-C (a real process and a real SIGINT)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asl-sigint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with the execution ABORTED and its history written', async () => {
    // The CLI is bundled from src here (what `npm run build` does from dist/), so the test never
    // runs a stale build. program.ts reads ../../package.json for --version.
    writeFileSync(join(dir, 'package.json'), '{"version": "0.0.0-test"}');
    const cli = join(dir, 'bin', 'cli', 'asl.mjs');
    await build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages stay imports, found through a link to the project's node_modules: a faster build.
      packages: 'external',
      logLevel: 'error',
    });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'bin', 'package.json'), '{"version": "0.0.0-test"}');
    writeFileSync(join(dir, 'loop.json'), FOREVER);
    const history = join(dir, 'history.json');
    const child = spawn(process.execPath, [cli, 'run', join(dir, 'loop.json'), ...EXPRESS_FOREVER, '--trace', '--history', history], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // Keep only the tail: the trace of a loop is long, the verdict is the last line.
      stderr = (stderr + chunk).slice(-4096);
      if (!sent && stderr.includes('PassStateEntered')) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(sent).toBe(true);
    expect(code).toBe(1);
    expect(stderr.endsWith('asl: execution ABORTED: Interrupted by Ctrl-C (SIGINT).\n')).toBe(true);
    const events = JSON.parse(readFileSync(history, 'utf8')) as { type: string }[];
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
  }, 30_000);
});
