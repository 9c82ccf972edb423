// `asl run --store`, `asl executions` and `asl resume`: a durable run prints what a plain run
// prints; Ctrl-C keeps the execution RUNNING in the store; resume goes on with it (the Task that was
// in flight runs again) and prints its result as `asl run --json` does; bad stores are one message.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { openEngine } from '../../src/index.js';
import { fakeIo, runAsl } from '../support/fake-io.js';
import { machine } from '../support/run-cli.js';

const GATED = 'gate=test/fixtures/cli-durable/gated.mjs';
const TASK = machine({
  Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'gate', 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Done' },
  Done: { Type: 'Pass', End: true },
});
const PASS = machine({ Only: { Type: 'Pass', Result: { ok: true }, End: true } });
type Gate = { open: boolean; waiters: Array<() => void> };
const gate = (): Gate => ((globalThis as { aslTestGate?: Gate }).aslTestGate ??= { open: false, waiters: [] });
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let dir: string;
let store: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-cli-durable-'));
  store = join(dir, 'runs.db');
  Object.assign(gate(), { open: false, waiters: [] });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('asl run --store', () => {
  it('prints what a plain run prints, and the store lists the execution', async () => {
    const plain = await runAsl(['run', 'm.json'], { 'm.json': PASS });
    const durable = await runAsl(['run', 'm.json', '--store', store], { 'm.json': PASS });
    expect(durable).toEqual(plain);
    const listed = await runAsl(['executions', '--store', store, '--json']);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'SUCCEEDED', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine', events: 4 });
    expect((await runAsl(['executions', '--store', store, '--status', 'running'])).stdout).toBe('no executions\n');
  });

  it('keeps an interrupted execution for `asl resume`, which runs its in-flight Task again', async () => {
    const io = fakeIo({ 'task.json': TASK });
    const running = runCli(['node', 'asl', 'run', 'task.json', '--store', store, '--fast', '--lambda', GATED, '--input-json', '{"n": 7}'], io);
    // Ctrl-C once the execution is in the store, its Task waiting at the gate.
    for (let turns = 0; gate().waiters.length === 0; turns++) {
      if (turns > 10_000) throw new Error('the Task never started');
      await macrotask();
    }
    for (let turns = 0; turns < 5; turns++) await macrotask();
    expect(io.interrupt()).toBe(true);
    expect(await running).toBe(1);
    expect(io.err()).toMatch(/suspended \(Ctrl-C\); it is kept in .*asl resume --store/);

    const table = await runAsl(['executions', '--store', store]);
    expect(table.stdout).toMatch(/^NAME +STATUS +STARTED +STOPPED +EVENTS\n\S+ +RUNNING /);
    gate().open = true;
    const listed = JSON.parse((await runAsl(['executions', '--store', store, '--json'])).stdout) as { name: string };
    const resumed = await runAsl(['resume', '--store', store, listed.name]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout) as Record<string, string>;
    expect(result).toMatchObject({ status: 'SUCCEEDED', input: '{"n":7}' });
    expect(JSON.parse(result['output'] as string)).toEqual({ echoed: { n: 7 } });
    expect((await runAsl(['resume', '--store', store])).stderr).toMatch(/holds no interrupted execution/);
  });

  it('names a store it cannot use, and leaves a damaged file as it was', async () => {
    const missing = await runAsl(['executions', '--store', join(dir, 'none.db')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/none\.db: cannot open the store: ENOENT/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just text that is long enough to have a header of some kind '.repeat(3));
    const before = createHash('sha256').update(readFileSync(junk)).digest('hex');
    for (const args of [['executions', '--store', junk], ['resume', '--store', junk], ['run', 'm.json', '--store', junk]]) {
      const run = await runAsl(args, { 'm.json': PASS });
      expect(run.code, args.join(' ')).toBe(3);
      expect(run.stderr, args.join(' ')).toMatch(/junk\.db: .*not an? (SQLite|asl-engine)/i);
    }
    expect(createHash('sha256').update(readFileSync(junk)).digest('hex')).toBe(before);
    expect((await runAsl(['resume', '--store', store, 'nobody'], {})).code).toBe(3);
  });

  it('refuses a store another live engine holds', async () => {
    const holder = await openEngine({ store });
    try {
      const run = await runAsl(['run', 'm.json', '--store', store], { 'm.json': PASS });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/in use by asl-engine process \d+/);
    } finally {
      await holder.close();
    }
  });
});
