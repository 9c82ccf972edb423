// renderHtmlReport without a browser: what each state's outcome and visits are, how names and
// payloads are escaped, and that the file asks for nothing over the network.
import { describe, expect, it } from 'vitest';
import { buildGraph, createStateMachine, renderHtmlReport, VirtualClock } from '../../src/index.js';
import type { HistoryEvent } from '../../src/index.js';
import { jsonForScript } from '../../src/report/escape.js';
import { viewExecution } from '../../src/report/executions.js';
import { HOSTILE_NAME, REPORT_DEFINITION, runReportMachine } from './report-machine.js';

const HOSTILE_POINTER = `/States/${HOSTILE_NAME.replace(/~/g, '~0').replace(/\//g, '~1')}`;

describe('viewExecution', () => {
  it('gives each state its outcome, and each visit its input and output', async () => {
    const execution = await runReportMachine();
    expect(execution.result.status).toBe('SUCCEEDED');
    const view = viewExecution(buildGraph(REPORT_DEFINITION), execution);
    expect(view.outcomes).toMatchObject({
      '/States/Load order': 'succeeded',
      '/States/Fan out': 'caught',
      '/States/Fan out/Branches/1/States/Charge card': 'failed',
      [HOSTILE_POINTER]: 'succeeded',
      '/States/Route': 'succeeded',
      '/States/Done': 'succeeded',
    });
    expect(view.outcomes['/States/Ship express']).toBeUndefined();
    // Its iterations finished, but the Map itself was stopped when the other branch failed.
    expect(view.outcomes['/States/Fan out/Branches/0/States/Each item']).toBe('cancelled');
    const prices = view.visits['/States/Fan out/Branches/0/States/Each item/ItemProcessor/States/Price'] ?? [];
    expect(prices.map((visit) => [visit.input, visit.output])).toEqual([
      ['a', { sku: 'a', price: 10 }],
      ['b', { sku: 'b', price: 10 }],
      ['c', { sku: 'c', price: 10 }],
    ]);
    const fanOut = view.visits['/States/Fan out']?.[0];
    expect(fanOut?.output).toMatchObject({ failure: { Error: 'Payment.Declined' } });
    expect(view.events.map((row) => row.id)).toEqual(execution.history.map((event) => event.id));
  });

  it('keeps interleaved visits of one state apart (concurrent Map iterations)', () => {
    const definition = {
      StartAt: 'Each',
      States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } }, End: true } },
    };
    const history: HistoryEvent[] = [
      { id: 1, previousEventId: 0, timestamp: 1000, type: 'ExecutionStarted', details: { input: [1, 2] } },
      { id: 2, previousEventId: 1, timestamp: 1000, type: 'MapStateEntered', details: { name: 'Each', input: [1, 2] } },
      { id: 3, previousEventId: 2, timestamp: 1000, type: 'MapStateStarted', details: { length: 2 } },
      { id: 4, previousEventId: 3, timestamp: 1000, type: 'MapIterationStarted', details: { name: 'Each', index: 0 } },
      { id: 5, previousEventId: 3, timestamp: 1000, type: 'MapIterationStarted', details: { name: 'Each', index: 1 } },
      { id: 6, previousEventId: 4, timestamp: 1001, type: 'PassStateEntered', details: { name: 'Work', input: 1 } },
      { id: 7, previousEventId: 5, timestamp: 1002, type: 'PassStateEntered', details: { name: 'Work', input: 2 } },
      { id: 8, previousEventId: 7, timestamp: 1003, type: 'PassStateExited', details: { name: 'Work', output: 'second' } },
      { id: 9, previousEventId: 6, timestamp: 1004, type: 'PassStateExited', details: { name: 'Work', output: 'first' } },
      // The Map's own failure follows its last iteration's thread, and the run's failure follows it.
      { id: 10, previousEventId: 9, timestamp: 1005, type: 'MapStateFailed', details: { error: 'Stop', cause: 'made up' } },
      { id: 11, previousEventId: 10, timestamp: 1005, type: 'ExecutionFailed', details: { error: 'Stop', cause: 'made up' } },
    ];
    const view = viewExecution(buildGraph(definition), { name: 'e', result: { status: 'FAILED', error: 'Stop' }, history });
    const work = view.visits['/States/Each/ItemProcessor/States/Work'] ?? [];
    expect(work.map((v) => [v.input, v.output, v.outcome])).toEqual([
      [1, 'first', 'succeeded'],
      [2, 'second', 'succeeded'],
    ]);
    expect(view.visits['/States/Each']).toEqual([{ enteredEventId: 2, input: [1, 2], outcome: 'failed', error: 'Stop', cause: 'made up' }]);
    expect(view.outcomes['/States/Each']).toBe('failed');
    expect(view.events.map((row) => row.offsetMs)).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 5]);
  });
});

describe('viewExecution outcomes of single states', () => {
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:flaky';
  async function outcomes(states: Record<string, unknown>, lambdas: Record<string, () => unknown> = {}): Promise<Record<string, string>> {
    const definition = JSON.stringify({ StartAt: Object.keys(states)[0], States: states });
    const machine = createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }), lambdas });
    const execution = machine.start({});
    const result = await execution.result;
    return viewExecution(buildGraph(definition), { name: 'e', result, history: execution.history }).outcomes;
  }

  it('a Task that failed, was retried and then succeeded: succeeded', async () => {
    let calls = 0;
    const flaky = (): unknown => {
      if (++calls === 1) throw Object.assign(new Error('try again'), { name: 'Busy' });
      return { ok: true };
    };
    const states = { Call: { Type: 'Task', Resource: fn, Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1 }], End: true } };
    expect(await outcomes(states, { flaky })).toEqual({ '/States/Call': 'succeeded' });
    expect(calls).toBe(2);
  });

  it('a state that failed the run without a failure event of its own (States.Runtime): failed', async () => {
    const states = { Start: { Type: 'Pass', Next: 'Broken' }, Broken: { Type: 'Pass', InputPath: '$.missing.field', End: true } };
    expect(await outcomes(states)).toEqual({ '/States/Start': 'succeeded', '/States/Broken': 'failed' });
  });
});

describe('renderHtmlReport', () => {
  it('escapes names and payloads everywhere they appear', async () => {
    const html = renderHtmlReport({ definition: REPORT_DEFINITION, fileName: 'order.asl.json', executions: [await runReportMachine()] });
    // Exactly the report's own two script elements, and nothing user-written closes one.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;document.body');
  });

  it('is self-contained: no URL is loaded from anywhere', async () => {
    const html = renderHtmlReport({ definition: REPORT_DEFINITION, executions: [await runReportMachine()] });
    // The data block holds the hostile cause's text (`<img src=x ...>`, escaped): data, not markup.
    const markup = html.replace(/<script type="application\/json"[^>]*>[^<]*<\/script>/, '');
    expect(markup).not.toMatch(/\b(src|href)\s*=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("default-src 'none'");
  });

  it('colours by coverage when coverage is given', () => {
    const html = renderHtmlReport({ definition: REPORT_DEFINITION, executions: [], coverage: { '/States/Done': 2, '/States/Route': 0 } });
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null') as { coverage: Record<string, boolean> };
    expect(data.coverage).toEqual({ '/States/Done': true, '/States/Route': false });
    expect(html).toContain('not covered');
  });

  it('with coverage: true, counts the states the given executions entered as covered', async () => {
    const html = renderHtmlReport({ definition: REPORT_DEFINITION, executions: [await runReportMachine()], coverage: true });
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null') as { coverage: Record<string, boolean> };
    expect(data.coverage['/States/Fan out/Branches/0/States/Each item/ItemProcessor/States/Price']).toBe(true);
    expect(data.coverage['/States/Done']).toBe(true);
    expect(data.coverage['/States/Ship express']).toBeUndefined();
  });
});

describe('jsonForScript', () => {
  it('leaves no character that could end the script element, and parses back to the same value', () => {
    const value = { text: '</script><!-- & \u2028 \u2029 >' };
    const embedded = jsonForScript(value);
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(embedded)).toEqual(value);
  });
});
