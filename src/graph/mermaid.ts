// StateGraph → Mermaid flowchart text. Ids are the generated n0/c0, never names. Every label is a
// quoted string whose characters outside a small safe set are written as Mermaid's numeric entity
// codes (`#35;`), so no name can close the string, start a comment or directive (`%%`), pass for an
// entity, or inject HTML. Nodes are declared inside their subgraph blocks and edges only after all of
// them: a node first named by an edge inside another block would be pulled into that block.
import type { GraphEdge, GraphNode, GraphScope, NodeShape, StateGraph } from './model.js';
import { CLASS_STYLES, type ClassStyle } from './styles.js';
import { visibleText } from './text.js';

const SHAPE_BRACKETS: Readonly<Record<NodeShape, readonly [string, string]>> = {
  circle: ['((', '))'],
  'double-circle': ['(((', ')))'],
  box: ['[', ']'],
  rhombus: ['{', '}'],
  stadium: ['([', '])'],
  hexagon: ['{{', '}}'],
  subroutine: ['[[', ']]'],
  rounded: ['(', ')'],
};

// Letters and digits of any script, and punctuation that means nothing inside a quoted label.
const SAFE_CHAR = /[\p{L}\p{N} _.,:+=?!@$*'()/-]/u;
const ALL_SAFE = /^[\p{L}\p{N} _.,:+=?!@$*'()/-]*$/u;
// Before parsing, Mermaid drops the last ";" of any line matching `style.*:\S*#.*;` or
// `classDef.*:\S*#.*;` (meant for colours), which would break an entity code in a label. With the
// first letter of those words written as an entity, no label can make a line match.
const STYLE_WORDS = /style|classDef/g;

export function renderMermaid(graph: StateGraph): string {
  const lines: string[] = ['flowchart TD'];
  renderScope(graph, '  ', lines);
  for (const edge of graph.edges) lines.push(`  ${edgeLine(edge)}`);
  lines.push(...classLines(graph));
  return lines.join('\n') + '\n';
}

function renderScope(scope: GraphScope, indent: string, lines: string[]): void {
  for (const node of scope.nodes) lines.push(indent + nodeLine(node));
  for (const cluster of scope.clusters) {
    lines.push(`${indent}subgraph ${cluster.id} ["${mermaidText(cluster.label)}"]`);
    renderScope(cluster, indent + '  ', lines);
    lines.push(`${indent}end`);
  }
}

function nodeLine(node: GraphNode): string {
  const [open, close] = SHAPE_BRACKETS[node.shape];
  const detail = node.detail === undefined ? '' : `<br/>${mermaidText(node.detail)}`;
  return `${node.id}${open}"${mermaidText(node.label)}${detail}"${close}`;
}

function edgeLine(edge: GraphEdge): string {
  const arrow = edge.dashed ? '-.->' : '-->';
  const label = edge.label === undefined ? '' : `|"${mermaidText(edge.label)}"|`;
  return `${edge.from} ${arrow}${label} ${edge.to}`;
}

/** One classDef per class in use (palette order, so highlights override types), then the assignments. */
function classLines(graph: GraphScope): string[] {
  const members = new Map<string, string[]>();
  const collect = (scope: GraphScope): void => {
    for (const node of scope.nodes) {
      for (const name of node.classes) {
        const ids = members.get(name);
        if (ids === undefined) members.set(name, [node.id]);
        else ids.push(node.id);
      }
    }
    for (const cluster of scope.clusters) collect(cluster);
  };
  collect(graph);
  const lines: string[] = [];
  const used = Object.entries(CLASS_STYLES).filter(([name]) => members.has(name));
  for (const [name, style] of used) lines.push(`  classDef ${name} ${classDef(style)}`);
  for (const [name] of used) lines.push(`  class ${(members.get(name) as string[]).join(',')} ${name}`);
  return lines;
}

function classDef(style: ClassStyle): string {
  const parts = [`fill:${style.fill}`, `stroke:${style.stroke}`];
  if (style.text !== undefined) parts.push(`color:${style.text}`);
  if (style.thick === true) parts.push('stroke-width:2px');
  if (style.dashed === true) parts.push('stroke-dasharray:4 3');
  return parts.join(',');
}

/** Label text for inside "...": safe characters as they are, line breaks as <br/>, the rest as `#code;`. */
export function mermaidText(text: string): string {
  const visible = visibleText(text);
  if (visible.trim() === '') return ' '; // an empty quoted string does not parse
  let out = '';
  if (ALL_SAFE.test(visible)) out = visible;
  else {
    for (const ch of visible) {
      if (ch === '\n') out += '<br/>';
      else out += SAFE_CHAR.test(ch) ? ch : `#${ch.codePointAt(0) as number};`;
    }
  }
  return out.replace(STYLE_WORDS, (word) => `#${word.charCodeAt(0)};${word.slice(1)}`);
}
