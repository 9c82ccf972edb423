// `asl run --report FILE`: the run's history becomes the HTML report (graph, timeline, payloads),
// written even when the execution fails; a report that cannot be written is an I/O error (exit 3).
import { describe, expect, it } from 'vitest';
import { aslRun, machine } from '../support/run-cli.js';

const FAILING = machine({
  Start: { Type: 'Pass', Result: { order: 7 }, Next: 'Reject' },
  Reject: { Type: 'Fail', Error: 'Order.Rejected', Cause: 'out of stock' },
});

function reportData(html: string | undefined): { executions: Array<{ result: { status: string }; events: unknown[]; outcomes: Record<string, string> }> } {
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html ?? '')?.[1];
  return JSON.parse(json ?? 'null') as ReturnType<typeof reportData>;
}

describe('asl run --report', () => {
  it('writes a self-contained report of a failed run, coloured by outcome', async () => {
    const run = await aslRun(['m.json', '--fast', '--report', 'out.html'], { 'm.json': FAILING });
    expect(run.code).toBe(1);
    const html = run.written.get('out.html');
    expect(html?.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    const [execution] = reportData(html).executions;
    expect(execution?.result.status).toBe('FAILED');
    expect(execution?.events).toHaveLength(5);
    expect(execution?.outcomes).toEqual({ '/States/Start': 'succeeded', '/States/Reject': 'failed' });
  });

  it('keeps printing the output as before', async () => {
    const run = await aslRun(['m.json', '--report', 'out.html', '--input-json', '{"a":1}'], { 'm.json': machine({ Only: { Type: 'Pass', End: true } }) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ a: 1 });
    expect(reportData(run.written.get('out.html')).executions[0]?.outcomes).toEqual({ '/States/Only': 'succeeded' });
  });

  it('exits 3 naming the file when the report cannot be written', async () => {
    const run = await aslRun(['m.json', '--fast', '--report', '/unwritable/r.html'], { 'm.json': FAILING });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('/unwritable/r.html: cannot write report: EACCES: permission denied');
  });
});
