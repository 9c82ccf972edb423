// StateGraph → Graphviz DOT. Ids are the generated n0/cluster_c0, so no name can be a DOT keyword
// (node, edge, graph, subgraph...). Every label is a quoted string with `\` and `"` escaped, line
// breaks as `\n`, and `&` as `&amp;`, since Graphviz reads `&name;` in labels as an HTML entity.
import type { GraphCluster, GraphEdge, GraphNode, GraphScope, NodeShape, StateGraph } from './model.js';
import { styleOf } from './styles.js';
import { visibleText } from './text.js';

interface ShapeAttributes {
  readonly shape: string;
  readonly rounded?: boolean;
  readonly peripheries?: number;
}

const SHAPES: Readonly<Record<NodeShape, ShapeAttributes>> = {
  circle: { shape: 'circle' },
  'double-circle': { shape: 'doublecircle' },
  box: { shape: 'box' },
  rhombus: { shape: 'diamond' },
  stadium: { shape: 'box', rounded: true },
  hexagon: { shape: 'hexagon' },
  subroutine: { shape: 'box', peripheries: 2 },
  rounded: { shape: 'box', rounded: true },
};

const CLUSTER_COLOURS: Readonly<Record<GraphCluster['kind'], string>> = {
  state: '#8430ce',
  branch: '#9aa0a6',
  processor: '#9aa0a6',
};

export function renderDot(graph: StateGraph): string {
  const lines: string[] = [
    'digraph "state machine" {',
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=12]',
    '  node [fontname="Helvetica", fontsize=11]',
    '  edge [fontname="Helvetica", fontsize=10]',
  ];
  renderScope(graph, '  ', lines);
  for (const edge of graph.edges) lines.push(`  ${edgeLine(edge)}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function renderScope(scope: GraphScope, indent: string, lines: string[]): void {
  for (const node of scope.nodes) lines.push(indent + nodeLine(node));
  for (const cluster of scope.clusters) {
    const style = cluster.kind === 'state' ? 'rounded' : 'dashed';
    lines.push(`${indent}subgraph cluster_${cluster.id} {`);
    lines.push(`${indent}  graph [label="${dotText(cluster.label)}", style="${style}", color="${CLUSTER_COLOURS[cluster.kind]}"]`);
    renderScope(cluster, indent + '  ', lines);
    lines.push(`${indent}}`);
  }
}

function nodeLine(node: GraphNode): string {
  const shape = SHAPES[node.shape];
  const style = styleOf(node.classes);
  const styles = ['filled', ...(shape.rounded === true ? ['rounded'] : []), ...(style.dashed === true ? ['dashed'] : [])];
  const label = dotText(node.label) + (node.detail === undefined ? '' : `\\n${dotText(node.detail)}`);
  const attributes = [
    `label="${label}"`,
    `shape=${shape.shape}`,
    `style="${styles.join(',')}"`,
    `fillcolor="${style.fill}"`,
    `color="${style.stroke}"`,
  ];
  if (shape.peripheries !== undefined) attributes.push(`peripheries=${shape.peripheries}`);
  if (style.text !== undefined) attributes.push(`fontcolor="${style.text}"`);
  if (style.thick === true) attributes.push('penwidth=2');
  // SVG output carries these as class attributes, for a report's stylesheet or scripts.
  attributes.push(`class="${node.classes.join(' ')}"`);
  return `${node.id} [${attributes.join(', ')}]`;
}

function edgeLine(edge: GraphEdge): string {
  const attributes: string[] = [];
  if (edge.label !== undefined) attributes.push(`label="${dotText(edge.label)}"`);
  if (edge.dashed) attributes.push('style=dashed');
  if (edge.kind === 'catch') attributes.push('color="#c5221f"', 'fontcolor="#c5221f"');
  if (edge.kind === 'retry') attributes.push('color="#b06000"', 'fontcolor="#b06000"');
  attributes.push(`class="${edge.kind}"`);
  return `${edge.from} -> ${edge.to} [${attributes.join(', ')}]`;
}

/** Label text for inside "...": backslash, quote, ampersand and line breaks escaped. */
export function dotText(text: string): string {
  const visible = visibleText(text);
  if (!/[\\"&\n]/.test(visible)) return visible;
  return visible.replace(/[\\"&\n]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '"' ? '\\"' : ch === '&' ? '&amp;' : '\\n'));
}
