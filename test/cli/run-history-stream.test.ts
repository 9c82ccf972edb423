// `asl run --history` streams the history into the file as the execution runs (issue 9): an
// Express run with no transition limit keeps no history in memory, the file is the same JSON array
// as before, and input the engine would refuse (1e999, 20,000 levels) is an input error up front.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSink } from '../../src/cli/file-sink.js';
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from '../support/fake-io.js';
import { aslRun, machine } from '../support/run-cli.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const FOREVER = machine({
  Spin: { Type: 'Pass', Next: 'Check' },
  Check: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Spin' },
  Done: { Type: 'Succeed' },
});

describe('asl run --history streams', () => {
  it('writes events to the file while an unbounded Express run is still going', async () => {
    const io = fakeIo({ 'loop.json': FOREVER });
    const running = runCli(['node', 'asl', 'run', 'loop.json', '--mode', 'express', '--max-transitions', 'Infinity', '--fast', '--history', 'h.json'], io);
    let turns = 0;
    // Wait until thousands of events are already in the file, with the run still going.
    while ((io.written.get('h.json')?.length ?? 0) < 500_000) {
      await macrotask();
      if (++turns > 5_000) throw new Error('the history file never grew during the run');
    }
    const partial = io.written.get('h.json') ?? '';
    expect(partial.startsWith('[\n  {\n    "timestamp"')).toBe(true);
    expect(io.interrupt()).toBe(true);
    expect(await running).toBe(1);
    const history = JSON.parse(io.written.get('h.json') ?? 'null') as Array<{ id: number; type: string }>;
    expect(history.length).toBeGreaterThan(2_000);
    expect(history.map((e) => e.id)).toEqual(history.map((_e, i) => i + 1));
    expect(history.at(-1)?.type).toBe('ExecutionAborted');
  });

  it('writes exactly what JSON.stringify(events, null, 2) wrote before', async () => {
    const run = await aslRun(['m.json', '--history', 'h.json'], { 'm.json': machine({ A: { Type: 'Pass', Result: { a: [1, { b: 'x' }] }, Next: 'B' }, B: { Type: 'Pass', End: true } }) });
    expect(run.code).toBe(0);
    const text = run.written.get('h.json') ?? '';
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    expect((JSON.parse(text) as unknown[]).length).toBe(6);
  });

  it('opens the file before running, so an unwritable path costs no run', async () => {
    const run = await aslRun(['m.json', '--trace', '--history', '/unwritable/h.json'], { 'm.json': machine({ P: { Type: 'Pass', End: true } }) });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe("/unwritable/h.json: cannot write history: EACCES: permission denied\n");
  });
});

describe('asl run --history: a write failing mid-run', () => {
  it('lets the run finish and reports the write error with exit 3', async () => {
    const io = fakeIo({ 'm.json': machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } }) });
    let writes = 0;
    const failing = {
      ...io,
      createFile: async () => ({
        write: () => {
          if (++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        close: async () => undefined,
      }),
    };
    expect(await runCli(['node', 'asl', 'run', 'm.json', '--history', 'h.json'], failing)).toBe(3);
    expect(io.err()).toBe('h.json: cannot write history: ENOSPC: no space left on device, write\n');
    expect(io.out()).toBe('');
  });
});

describe('asl run: input the engine would refuse', () => {
  it.each([
    ['a number JSON.parse turns into Infinity', '{"total": 1e999}', 'the input holds the number Infinity at $.total, which JSON cannot represent'],
    ['20,000 levels of nesting', '['.repeat(20_000) + ']'.repeat(20_000), 'the input nests more than 1000 levels deep'],
  ])('%s is an input error (exit 3), not a crash', async (_name, input, message) => {
    const run = await aslRun(['m.json', '--input', 'in.json', '--json'], { 'm.json': machine({ P: { Type: 'Pass', End: true } }), 'in.json': input });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect((JSON.parse(run.stderr) as { error: string }).error).toContain(message);
  });

  it('--json and --history stay writable when a state builds a 20,000-deep value', async () => {
    const definition = machine({ P: { Type: 'Pass', Parameters: { 'v.$': 'States.StringToJson($.s)' }, End: true } });
    const input = JSON.stringify({ s: '['.repeat(20_000) + ']'.repeat(20_000) });
    const run = await aslRun(['m.json', '--input', 'in.json', '--json', '--history', 'h.json'], { 'm.json': definition, 'in.json': input });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((JSON.parse(run.written.get('h.json') ?? '[]') as Array<{ type: string }>).at(-1)?.type).toBe('ExecutionFailed');
  });
});

describe('openFileSink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asl-sink-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes pieces in order, batched, and all of them by close()', async () => {
    const path = join(dir, 'out.txt');
    const sink = openFileSink(path);
    const pieces = Array.from({ length: 3_000 }, (_v, i) => `${i}:${'é'.repeat(i % 50)}\n`);
    for (const piece of pieces) sink.write(piece);
    expect(readFileSync(path, 'utf8').length).toBeGreaterThan(0);
    await sink.close();
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    expect(() => sink.write('late')).toThrow('already closed');
  });

  it('throws like fs when the file cannot be created', () => {
    expect(() => openFileSink(join(dir, 'missing', 'out.txt'))).toThrow(/ENOENT/);
  });
});
