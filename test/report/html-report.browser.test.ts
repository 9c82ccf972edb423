// The HTML report in a real browser: Debian's headless Chromium (scripts/ensure-chromium.sh installs
// it; .ci/run calls that first) opens a report of a real Map + Parallel + Catch execution, runs its
// script, and --dump-dom shows the DOM afterwards: every state drawn and coloured, one timeline row
// per history event, and none of the hostile names or payloads executed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, renderHtmlReport } from '../../src/index.js';
import type { GraphScope } from '../../src/index.js';
import { HOSTILE_NAME, REPORT_DEFINITION, runReportMachine } from './report-machine.js';

const BROWSER_TIMEOUT_MS = 60_000;
const work = mkdtempSync(join(tmpdir(), 'asl-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The chromium on PATH, or undefined: the caller fails (never skips) with how to install it. */
function findChromium(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

function dumpDom(chromium: string, file: string): string {
  const run = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(work, 'profile')}`,
      '--dump-dom',
      pathToFileURL(file).href,
    ],
    { encoding: 'utf8', timeout: BROWSER_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error !== undefined) throw new Error(`chromium did not finish: ${run.error.message}\n${run.stderr}`);
  expect(run.status, `chromium exited with ${run.status}:\n${run.stderr}`).toBe(0);
  return run.stdout;
}

function statePointers(scope: GraphScope): string[] {
  return [
    ...scope.nodes.flatMap((node) => (node.kind === 'state' && node.pointer !== undefined ? [node.pointer] : [])),
    ...scope.clusters.flatMap((cluster) => statePointers(cluster)),
  ];
}

/** The classes of the drawn node of a state, from the dumped DOM. */
function classOf(dom: string, pointer: string): string[] | undefined {
  const attr = pointer.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const at = dom.indexOf(`data-pointer="${attr}"`);
  if (at < 0) return undefined;
  const tagStart = dom.lastIndexOf('<g ', at);
  return /class="([^"]*)"/.exec(dom.slice(tagStart, at))?.[1]?.split(' ');
}

describe('the HTML report in headless Chromium', () => {
  it('renders the graph, colours it by outcome and fills the timeline, running no injected script', async () => {
    const chromium = findChromium();
    expect(chromium, 'chromium is not installed: run scripts/ensure-chromium.sh (as root; .ci/run does it before npm test)').toBeDefined();
    const execution = await runReportMachine();
    const file = join(work, 'report.html');
    writeFileSync(file, renderHtmlReport({ definition: REPORT_DEFINITION, fileName: 'order.asl.json', executions: [execution] }));

    const dom = dumpDom(chromium as string, file);
    const bodyTag = /<body[^>]*>/.exec(dom)?.[0] ?? '';
    expect(/data-rendered="([^"]*)"/.exec(bodyTag)?.[1], 'the page script did not finish').toBe('ok');
    // The hostile name, input and cause would each set data-pwned on <body> had they run.
    expect(bodyTag).not.toContain('data-pwned');
    expect(dom.match(/<script\b/g)).toHaveLength(2);
    expect(dom.includes('<img'), 'an <img> element was injected').toBe(false);

    const pointers = statePointers(buildGraph(REPORT_DEFINITION));
    expect(pointers).toHaveLength(9);
    for (const pointer of pointers) expect(classOf(dom, pointer), `node of ${pointer}`).toBeDefined();
    expect(classOf(dom, '/States/Load order')).toContain('succeeded');
    expect(classOf(dom, '/States/Fan out')).toContain('caught');
    expect(classOf(dom, '/States/Fan out/Branches/1/States/Charge card')).toContain('failed');
    expect(classOf(dom, `/States/${HOSTILE_NAME.replace(/\//g, '~1')}`)).toContain('succeeded');
    expect(classOf(dom, '/States/Ship express')).toContain('notRun');

    const rows = [...dom.matchAll(/<tr data-event-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual(execution.history.map((event) => event.id));
    expect(dom.includes('<td>ParallelStateFailed</td>'), 'timeline row of ParallelStateFailed').toBe(true);
  }, BROWSER_TIMEOUT_MS + 10_000);

  it('colours by coverage across several executions, with one picker entry each', async () => {
    const chromium = findChromium();
    expect(chromium, 'chromium is not installed: run scripts/ensure-chromium.sh (as root; .ci/run does it before npm test)').toBeDefined();
    const first = await runReportMachine();
    const second = { ...(await runReportMachine()), name: 'second run' };
    const coverage = { '/States/Load order': 2, '/States/Fan out': 2, '/States/Route': 2, '/States/Ship express': 0 };
    const file = join(work, 'coverage.html');
    writeFileSync(file, renderHtmlReport({ definition: REPORT_DEFINITION, executions: [first, second], coverage }));

    const dom = dumpDom(chromium as string, file);
    expect(/<body[^>]*data-rendered="ok"/.test(dom), 'the page script did not finish').toBe(true);
    expect(classOf(dom, '/States/Load order')).toContain('covered');
    expect(classOf(dom, '/States/Fan out')).not.toContain('caught');
    expect(classOf(dom, '/States/Ship express')).toContain('uncovered');
    // Not listed counts as not covered.
    expect(classOf(dom, '/States/Done')).toContain('uncovered');
    expect(dom.match(/<option value="\d+">/g)).toHaveLength(2);
    expect(dom).toContain('second run (SUCCEEDED)');
  }, BROWSER_TIMEOUT_MS + 10_000);
});
