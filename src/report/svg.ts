// The report's picture: a laid-out StateGraph as inline SVG markup. Every piece of text (state
// names, rule labels) is cleaned by visibleText and escaped here; ids and classes are generated or
// checked names, never user text. The page script colours nodes by toggling classes on them.
import { CLASS_STYLES, styleOf } from '../graph/styles.js';
import { oneLine, truncate, visibleText } from '../graph/text.js';
import type { GraphEdge, StateGraph } from '../graph/model.js';
import { escapeHtml } from './escape.js';
import { layoutGraph, type Box, type PlacedNode } from './layout.js';

const NAME_CHARS = 24;
const DETAIL_CHARS = 30;
const EDGE_LABEL_CHARS = 28;

/** The SVG element for a graph: clusters, then edges, then nodes (state nodes carry data-pointer). */
export function renderSvg(graph: StateGraph): string {
  const layout = layoutGraph(graph);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="state machine graph">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6368"/></marker></defs>',
  ];
  for (const { cluster, depth, ...box } of layout.clusters) {
    const title = truncate(oneLine(visibleText(cluster.label)), 40);
    parts.push(
      `<g class="cluster cluster-${cluster.kind}" data-scope="${escapeHtml(cluster.pointer)}" data-depth="${depth}">` +
        `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8"/>` +
        `<text x="${box.x + 10}" y="${box.y + 16}">${escapeHtml(title)}</text><title>${escapeHtml(visibleText(cluster.label))}</title></g>`,
    );
  }
  // A Parallel/Map's Catch and Retry belong to the whole state: drawn from its cluster's box, not
  // from its fork node, so they do not cut through the branches.
  const whole = new Map<string, Box>();
  const forkNames = new Map<string, string>();
  for (const placed of layout.clusters) {
    const fork = placed.cluster.kind === 'state' ? placed.cluster.nodes[0] : undefined;
    if (fork === undefined) continue;
    whole.set(fork.id, placed);
    forkNames.set(fork.id, placed.cluster.label);
  }
  for (const edge of layout.edges) {
    const errorPath = edge.kind === 'catch' || edge.kind === 'retry';
    const from = (errorPath ? whole.get(edge.from) : undefined) ?? layout.nodes.get(edge.from);
    const to = (edge.kind === 'retry' ? whole.get(edge.to) : undefined) ?? layout.nodes.get(edge.to);
    if (from !== undefined && to !== undefined) parts.push(edgeMarkup(edge, from, to));
  }
  for (const placed of layout.nodes.values()) parts.push(nodeMarkup(placed, forkNames.get(placed.node.id)));
  parts.push('</svg>');
  return parts.join('\n');
}

/** `stateName`: for a Parallel/Map's fork node, whose label shows its type, the state's name (its tooltip's first line). */
function nodeMarkup({ node, x, y, width, height }: PlacedNode, stateName: string | undefined): string {
  const classes = ['node', `kind-${node.kind}`, ...node.classes.filter((name) => Object.hasOwn(CLASS_STYLES, name))];
  const style = styleOf(node.classes);
  const pointer = node.kind === 'state' && node.pointer !== undefined ? ` data-pointer="${escapeHtml(node.pointer)}" tabindex="0"` : '';
  const name = truncate(oneLine(visibleText(node.label)), NAME_CHARS);
  const detail = node.detail === undefined ? undefined : truncate(oneLine(visibleText(node.detail)), DETAIL_CHARS);
  const tooltipDetail = stateName === undefined ? node.detail : node.label;
  const cx = x + width / 2;
  const rx = node.kind === 'start' || node.kind === 'end' ? height / 2 : node.stateType === 'Choice' ? 4 : 8;
  const markerWidth = node.kind === 'start' || node.kind === 'end' ? 80 : width;
  const left = cx - markerWidth / 2;
  const text =
    detail === undefined
      ? `<text x="${cx}" y="${y + height / 2 + 5}" class="name">${escapeHtml(name)}</text>`
      : `<text x="${cx}" y="${y + 17}" class="name">${escapeHtml(name)}</text><text x="${cx}" y="${y + 33}" class="detail">${escapeHtml(detail)}</text>`;
  return (
    `<g id="${node.id}" class="${classes.join(' ')}"${pointer}>` +
    `<title>${escapeHtml(visibleText(stateName ?? node.label))}${tooltipDetail === undefined ? '' : `\n${escapeHtml(visibleText(tooltipDetail))}`}</title>` +
    `<rect x="${left}" y="${y}" width="${markerWidth}" height="${height}" rx="${rx}" fill="${style.fill}" stroke="${style.stroke}"/>` +
    text +
    '</g>'
  );
}

function edgeMarkup(edge: GraphEdge, from: Box, to: Box): string {
  const dash = edge.dashed ? ' stroke-dasharray="5 4"' : '';
  const cls = `edge edge-${edge.kind}`;
  const label = edge.label === undefined ? '' : truncate(oneLine(visibleText(edge.label)), EDGE_LABEL_CHARS);
  let path: string;
  let lx: number;
  let ly: number;
  if (edge.from === edge.to) {
    // A Retry: a loop on the right side of the state.
    const rx = from.x + from.width;
    const top = from.y + 10;
    const bottom = from.y + from.height - 10;
    path = `M${rx},${top} C${rx + 40},${top - 10} ${rx + 40},${bottom + 10} ${rx},${bottom}`;
    lx = rx + 34;
    ly = from.y + from.height / 2 + 4;
  } else if (to.y > from.y + from.height / 2) {
    const x1 = from.x + from.width / 2;
    const y1 = from.y + from.height;
    const x2 = to.x + to.width / 2;
    const y2 = to.y;
    const mid = (y1 + y2) / 2;
    path = `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`;
    lx = (x1 + x2) / 2;
    ly = mid - 2;
  } else {
    // Back (or sideways) edge: leave from the left side and come into the target's left side.
    const x1 = from.x;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = Math.min(x1, x2) - 40;
    path = `M${x1},${y1} C${bend},${y1} ${bend},${y2} ${x2},${y2}`;
    lx = bend + 10;
    ly = (y1 + y2) / 2;
  }
  const text = label === '' ? '' : `<text x="${lx}" y="${ly}" class="edge-label">${escapeHtml(label)}</text>`;
  const title = edge.label === undefined ? '' : `<title>${escapeHtml(visibleText(edge.label))}</title>`;
  return `<g class="${cls}">${title}<path d="${path}" fill="none" stroke="#5f6368"${dash} marker-end="url(#arrow)"/>${text}</g>`;
}
