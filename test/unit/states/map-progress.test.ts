// onMapRunProgress: a Distributed Map tells how its run goes (start, each child's end, the end), and
// `asl run` draws it as one line on a terminal's standard error, and not elsewhere.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { describeProgress } from '../../../src/cli/map-progress.js';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import type { MapRunProgress } from '../../../src/states/context.js';
import { fakeIo } from '../../support/fake-io.js';

const distributed = (extra: Record<string, JsonValue> = {}): JsonValue => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ToleratedFailureCount: 10,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 3, Next: 'TooBig' }], Default: 'Ok' },
          TooBig: { Type: 'Fail', Error: 'Item.TooBig' },
          Ok: { Type: 'Pass', End: true },
        },
      },
      End: true,
      ...extra,
    },
  },
});

describe('onMapRunProgress', () => {
  it('reports the start, every child, and the end of a Distributed Map run', async () => {
    const seen: MapRunProgress[] = [];
    const machine = createStateMachine(distributed(), { clock: new VirtualClock({ autoAdvance: true }), onMapRunProgress: (p) => seen.push(p) });
    expect((await machine.start([1, 2, 5, 3]).result).status).toBe('SUCCEEDED');
    expect(seen.map((p) => [p.succeeded, p.failed, p.done])).toEqual([
      [0, 0, false],
      [1, 0, false],
      [2, 0, false],
      [2, 1, false],
      [3, 1, false],
      [3, 1, true],
    ]);
    expect(seen[0]).toMatchObject({ stateName: 'Each', total: 4, batched: false, mapRunArn: expect.stringContaining(':mapRun:') });
  });

  it('counts batches with an ItemBatcher, and says nothing of an inline Map', async () => {
    const seen: MapRunProgress[] = [];
    const machine = createStateMachine(distributed({ ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Ok', States: { Ok: { Type: 'Pass', End: true } } } }), {
      clock: new VirtualClock({ autoAdvance: true }),
      onMapRunProgress: (p) => seen.push(p),
    });
    await machine.start([1, 2, 3]).result;
    expect(seen.at(-1)).toMatchObject({ total: 2, batched: true, succeeded: 2, failed: 0, done: true });
    const inline: MapRunProgress[] = [];
    const plain = createStateMachine({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }, { onMapRunProgress: (p) => inline.push(p) });
    await plain.start([1]).result;
    expect(inline).toEqual([]);
  });
});

describe('the progress line', () => {
  it('says how many children ended, failed, how fast and how long is left', () => {
    const progress = { mapRunArn: 'arn', stateName: 'Export', total: 10_000, succeeded: 1_197, failed: 3, batched: false, done: false };
    expect(describeProgress(progress, 0.4)).toBe('Map Run Export: 1,200/10,000 items, 3 failed, 3,000/s, 2.9 s left');
    expect(describeProgress({ ...progress, succeeded: 9_997, done: true }, 3.5)).toBe('Map Run Export: 10,000/10,000 items, 3 failed, 2,857/s, done in 3.5 s');
    expect(describeProgress({ ...progress, batched: true, succeeded: 0, failed: 0, total: 5 }, 0)).toBe('Map Run Export: 0/5 batches');
  });

  it('is drawn by asl run on a terminal, and never in a pipe', async () => {
    const files = { 'map.json': JSON.stringify(distributed()), 'in.json': '[1, 2, 5]' };
    const terminal = fakeIo(files, '', { stderrIsTerminal: true });
    expect(await runCli(['node', 'asl', 'run', 'map.json', '--input', 'in.json', '--fast'], terminal)).toBe(0);
    // Each drawing erases the line first (carriage return, then ESC [2K).
    const drawings = terminal.err().split('\r\u001b[2K').slice(1);
    expect(drawings[0]).toBe('Map Run Each: 0/3 items');
    expect(drawings.at(-1)).toMatch(/^Map Run Each: 3\/3 items, 1 failed, .*done in .*\n$/);
    const pipe = fakeIo(files, '', { stderrIsTerminal: false });
    expect(await runCli(['node', 'asl', 'run', 'map.json', '--input', 'in.json', '--fast'], pipe)).toBe(0);
    expect(pipe.err()).toBe('');
  });
});
