// Coverage on the definition from real runs: exact numbers and the exact list of what was missed,
// for Choice rules and Defaults, retriers, catchers, transitions and states nested in Map/Parallel.
import { describe, expect, it } from 'vitest';
import { createCoverage, CoverageError, type CoverageCollector, type CoverageKind } from '../../../src/testing/index.js';
import { fail, ok, ORDER_FILE, ORDER_TEXT, runOrder } from './coverage-fixture.js';

const keysOf = (coverage: CoverageCollector, kind: CoverageKind): string[] => coverage.uncovered(kind).map((item) => item.key);

/** A single charge retried once, then a batch of two items, one on each side of the item Choice. */
async function twoRuns(): Promise<CoverageCollector> {
  const coverage = createCoverage(ORDER_TEXT, { fileName: ORDER_FILE });
  const single = await runOrder({ kind: 'single' }, { Charge: { '0': fail('Throttled'), '1': ok('paid') } }, coverage.probe);
  expect(single.result.status).toBe('SUCCEEDED');
  const batch = await runOrder({ kind: 'batch', items: [3, 30] }, {}, coverage.probe);
  expect(batch.result.status).toBe('SUCCEEDED');
  return coverage;
}

describe('createCoverage', () => {
  it('counts what two runs reached, kind by kind, and names what they missed', async () => {
    const report = (await twoRuns()).report();
    expect(report.fileName).toBe(ORDER_FILE);
    expect([report.states.covered, report.states.total]).toEqual([7, 12]);
    expect(report.states.uncovered.map((item) => item.label)).toEqual(['Refund (Pass)', 'Both (Parallel)', 'Left (Pass)', 'Right (Wait)', 'Reject (Fail)']);
    expect(report.states.uncovered.map((item) => item.pointer)).toEqual([
      '/States/Refund',
      '/States/Both',
      '/States/Both/Branches/0/States/Left',
      '/States/Both/Branches/1/States/Right',
      '/States/Reject',
    ]);
    expect([report.choiceRules.covered, report.choiceRules.total]).toEqual([4, 6]);
    expect(report.choiceRules.uncovered.map((item) => [item.pointer, item.label])).toEqual([
      ['/States/Route/Choices/2', 'Route: $.kind == "both" -> Both'],
      ['/States/Route/Default', 'Route: Default -> Reject'],
    ]);
    expect([report.retriers.covered, report.retriers.total]).toEqual([1, 2]);
    expect(report.retriers.uncovered.map((item) => item.label)).toEqual(['Charge: Retry States.Timeout (max 1)']);
    expect([report.catchers.covered, report.catchers.total, report.catchers.percent]).toEqual([0, 2, 0]);
    expect([report.transitions.covered, report.transitions.total, report.transitions.percent]).toEqual([6, 12, 50]);
    expect(report.transitions.uncovered.map((item) => item.label)).toEqual([
      'Route -> Both',
      'Route -> Reject',
      'Charge -> Refund',
      'Charge -> Reject',
      'Refund -> Done',
      'Both -> Done',
    ]);
    // A catcher's transition is written at its Next, a Default's at the Default field.
    expect(report.transitions.uncovered.find((item) => item.label === 'Charge -> Refund')).toMatchObject({
      pointer: '/States/Charge/Catch/0/Next',
      from: '/States/Charge',
      to: '/States/Refund',
      hits: 0,
    });
  });

  it('counts every visit: each Map iteration enters the item processor again', async () => {
    const coverage = await twoRuns();
    const hits = coverage.stateHits();
    expect(hits['/States/Fan/ItemProcessor/States/Item']).toBe(2);
    expect(hits['/States/Route']).toBe(2);
    expect(hits['/States/Charge']).toBe(1);
    expect(hits['/States/Reject']).toBe(0);
    const rules = coverage.report().choiceRules.items;
    expect(rules.find((item) => item.key === '/States/Fan/ItemProcessor/States/Item/Choices/0')?.hits).toBe(1);
    expect(rules.find((item) => item.key === '/States/Fan/ItemProcessor/States/Item/Default')?.hits).toBe(1);
  });

  it('sees catchers, an exhausted retrier and a Parallel once the other paths run', async () => {
    const coverage = await twoRuns();
    const declined = await runOrder({ kind: 'single' }, { Charge: { '0': fail('Declined') } }, coverage.probe);
    expect(declined.result.status).toBe('SUCCEEDED');
    // Throttled three times: retried twice, then the retrier is spent and States.ALL catches.
    const throttled = await runOrder({ kind: 'single' }, { Charge: { '0-2': fail('Throttled') } }, coverage.probe);
    expect(throttled.result).toMatchObject({ status: 'FAILED', error: 'Rejected' });
    expect((await runOrder({ kind: 'both' }, {}, coverage.probe)).result.status).toBe('SUCCEEDED');
    expect(keysOf(coverage, 'catchers')).toEqual([]);
    expect(keysOf(coverage, 'states')).toEqual([]);
    expect(keysOf(coverage, 'choiceRules')).toEqual(['/States/Route/Default']);
    expect(keysOf(coverage, 'retriers')).toEqual(['/States/Charge/Retry/1']);
    expect(keysOf(coverage, 'transitions')).toEqual(['/States/Route -> /States/Reject']);
    expect(coverage.report().retriers.items[0]?.hits).toBe(1 + 3);
    expect(() => coverage.assertCovered('catchers')).not.toThrow();
    expect(() => coverage.assertCovered(['states', 'catchers'])).not.toThrow();
  });

  it('assertCovered throws a CoverageError listing each missed item', async () => {
    const coverage = await twoRuns();
    let thrown: unknown;
    try {
      coverage.assertCovered(['retriers', 'catchers']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CoverageError);
    const error = thrown as CoverageError;
    expect(error.missing.map((item) => item.key)).toEqual(['/States/Charge/Retry/1', '/States/Charge/Catch/0', '/States/Charge/Catch/1']);
    expect(error.message).toBe(
      [
        'Not covered (3):',
        '  Retry: Charge: Retry States.Timeout (max 1) at /States/Charge/Retry/1',
        '  Catch: Charge: Catch Declined -> Refund at /States/Charge/Catch/0',
        '  Catch: Charge: Catch States.ALL -> Reject at /States/Charge/Catch/1',
      ].join('\n'),
    );
    expect(() => coverage.assertCovered()).toThrow(/^Not covered \(16\):/);
  });

  it('merges collectors and their JSON, and refuses another definition', async () => {
    const first = createCoverage(ORDER_TEXT, { fileName: ORDER_FILE });
    await runOrder({ kind: 'other' }, {}, first.probe);
    const second = createCoverage(JSON.parse(ORDER_TEXT) as never);
    await runOrder({ kind: 'both' }, {}, second.probe);
    const merged = createCoverage(ORDER_TEXT, { fileName: ORDER_FILE });
    merged.merge(first);
    merged.merge(JSON.parse(JSON.stringify(second.toJSON())) as never);
    const hits = merged.stateHits();
    expect(hits['/States/Route']).toBe(2);
    expect(hits['/States/Reject']).toBe(1);
    expect(hits['/States/Both/Branches/1/States/Right']).toBe(1);
    expect(keysOf(merged, 'choiceRules')).toEqual(['/States/Route/Choices/0', '/States/Route/Choices/1', '/States/Fan/ItemProcessor/States/Item/Choices/0', '/States/Fan/ItemProcessor/States/Item/Default']);
    const other = createCoverage({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(() => merged.merge(other)).toThrow(/different definition/);
    merged.reset();
    expect(merged.report().states.covered).toBe(0);
  });

  it('prints a table of every kind and of what was missed', async () => {
    const table = (await twoRuns()).table();
    expect(table.split('\n').slice(0, 8)).toEqual([
      'Coverage of order.asl.json',
      'Coverage      Covered  Total      %',
      '------------  -------  -----  -----',
      'States              7     12  58.33',
      'Transitions         6     12  50.00',
      'Choice rules        4      6  66.66',
      'Retry               1      2  50.00',
      'Catch               0      2   0.00',
    ]);
    expect(table).toContain('Not covered (16):\n  state: Refund (Pass) at /States/Refund\n');
    expect(table).toContain('  Choice rule: Route: Default -> Reject at /States/Route/Default\n');
  });

  it('reports 100% for a kind with nothing to cover', () => {
    const coverage = createCoverage({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(coverage.report().catchers).toEqual({ covered: 0, total: 0, percent: 100, items: [], uncovered: [] });
    expect(coverage.table()).toContain('Catch               0      0  100.00');
  });
});
