// renderHtmlReport: one self-contained HTML file (inline CSS, SVG and script; nothing fetched) with
// the state machine's graph coloured by a run's outcomes or by coverage, the event timeline of each
// execution, and each state's input and output on click. Data goes in as JSON in a
// <script type="application/json"> block, escaped so that no payload or state name can end it.
import type { JsonValue } from '../core/json.js';
import type { ParsedDefinition } from '../definition/source.js';
import type { StateMachineType } from '../definition/model.js';
import { buildGraph } from '../graph/render-graph.js';
import { CLASS_STYLES } from '../graph/styles.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { viewExecution, type ExecutionView, type ReportExecution } from './executions.js';
import { PAGE_SCRIPT } from './page-script.js';
import { renderSvg } from './svg.js';

export interface HtmlReportOptions {
  /** The definition: text (JSON or YAML), a parsed definition, or its JSON value. */
  readonly definition: string | JsonValue | ParsedDefinition;
  /** Shown as the title, and used to pick JSON or YAML when the definition is text. */
  readonly fileName?: string;
  /** The type the definition is validated for. Default STANDARD. */
  readonly type?: StateMachineType;
  /** The executions to show (one picker entry each); the first is shown first. */
  readonly executions: readonly ReportExecution[];
  /**
   * Colour by coverage instead of by outcome: visits (or true/false) per state JSON Pointer
   * (`/States/A`, `/States/P/Branches/0/States/B`); states not listed count as not covered.
   * `true`: the states the given executions entered count as covered.
   */
  readonly coverage?: Readonly<Record<string, number | boolean>> | true;
}

const COLOURED = ['succeeded', 'failed', 'caught', 'notRun', 'covered', 'uncovered'] as const;

/** The report as HTML text. Throws DefinitionError when the definition is invalid. */
export function renderHtmlReport(options: HtmlReportOptions): string {
  const graph = buildGraph(options.definition, {
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    ...(options.type === undefined ? {} : { type: options.type }),
  });
  const executions = options.executions.map((execution) => viewExecution(graph, execution));
  const given = options.coverage === true ? visitsPerState(executions) : options.coverage;
  const coverage =
    given === undefined
      ? null
      : Object.fromEntries(Object.entries(given).map(([pointer, seen]) => [pointer, seen === true || (typeof seen === 'number' && seen > 0)]));
  const data = { coverage, executions };
  const title = `asl-engine report${options.fileName === undefined ? '' : `: ${options.fileName}`}`;
  const legend = (coverage === null ? ['succeeded', 'caught', 'failed', 'cancelled', 'notRun'] : ['covered', 'uncovered'])
    .map((name) => `<span class="chip ${name}">${LEGEND_WORDS[name] ?? name}</span>`)
    .join(' ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${css()}</style>
</head>
<body data-rendered="pending">
<header><h1>${escapeHtml(title)}</h1>
<label>Execution <select id="execution"></select></label> <span id="summary"></span>
<div class="legend">${legend}</div>
<p id="script-error" class="error"></p></header>
<main>
<section class="graph-pane">${renderSvg(graph)}</section>
<section class="side">
<div id="details" class="details"></div>
<h2>Timeline</h2>
<table class="timeline"><thead><tr><th>id</th><th>time</th><th>event</th><th>state</th></tr></thead><tbody id="timeline-rows"></tbody></table>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function visitsPerState(views: readonly ExecutionView[]): Record<string, number> {
  const hits: Record<string, number> = {};
  for (const view of views) for (const [pointer, visits] of Object.entries(view.visits)) hits[pointer] = (hits[pointer] ?? 0) + visits.length;
  return hits;
}

const LEGEND_WORDS: Readonly<Record<string, string>> = {
  succeeded: 'succeeded',
  caught: 'failed, caught',
  failed: 'failed',
  cancelled: 'cancelled',
  notRun: 'not run',
  covered: 'covered',
  uncovered: 'not covered',
};

function css(): string {
  const rules = COLOURED.map((name) => {
    const style = CLASS_STYLES[name];
    if (style === undefined) return '';
    const dash = style.dashed === true ? 'stroke-dasharray:5 3;' : '';
    const width = style.thick === true ? 'stroke-width:2.5;' : '';
    const text = style.text === undefined ? '' : `.node.${name} text{fill:${style.text}}`;
    return `.node.${name} rect,.chip.${name}{fill:${style.fill};background:${style.fill};stroke:${style.stroke};border-color:${style.stroke};${dash}${width}}${text}`;
  });
  return `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#202124;background:#fafafa}
header{padding:10px 16px;border-bottom:1px solid #dadce0;background:#fff}
h1{font-size:18px;margin:0 0 6px}h2{font-size:15px;margin:14px 0 6px}h3{margin:0 0 6px;font-size:15px;word-break:break-all}h4{margin:6px 0;font-size:13px}
main{display:flex;gap:12px;padding:12px;align-items:flex-start}
.graph-pane{flex:1 1 auto;overflow:auto;background:#fff;border:1px solid #dadce0;border-radius:6px;max-height:calc(100vh - 130px)}
.side{flex:0 0 420px;max-width:45vw}
.details{background:#fff;border:1px solid #dadce0;border-radius:6px;padding:10px;max-height:40vh;overflow:auto}
pre{background:#f1f3f4;padding:6px;margin:2px 0 8px;white-space:pre-wrap;word-break:break-all;font-size:12px}
.label{font-size:12px;color:#5f6368}.muted{color:#5f6368}.error{color:#a50e0e;margin:0}
.timeline{border-collapse:collapse;width:100%;background:#fff;font-size:12px}
.timeline th,.timeline td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;word-break:break-all}
.timeline tr[data-event-id]{cursor:pointer}.timeline tr:hover{background:#e8f0fe}
.timeline tr.bad td{color:#a50e0e}.timeline tr.good td{color:#137333}.num{text-align:right;white-space:nowrap}
.legend{margin-top:6px}.chip{display:inline-block;border:1px solid;border-radius:10px;padding:0 8px;font-size:12px}
#summary.status-SUCCEEDED{color:#137333;font-weight:600}#summary{color:#a50e0e;font-weight:600}
svg.graph{display:block}svg.graph text{font-size:12px;text-anchor:middle}
svg.graph .name{font-weight:600}svg.graph .detail{fill:#5f6368;font-size:11px}
.cluster rect{fill:#f8f3fd;stroke:#c5a3e8}.cluster[data-depth="1"] rect,.cluster[data-depth="3"] rect{fill:#fff}
svg.graph .cluster text{text-anchor:start;font-weight:600;fill:#6a1b9a}
.edge-label{fill:#5f6368;font-size:10px!important}
.node[data-pointer]{cursor:pointer}.node.marker rect{fill:#202124}.node.marker text{fill:#fff}
.node.cancelled rect,.chip.cancelled{fill:#e8eaed;background:#e8eaed;stroke:#80868b;border-color:#80868b;stroke-dasharray:2 2}
${rules.join('\n')}
.node.selected rect{stroke:#1a73e8;stroke-width:4}
`;
}
