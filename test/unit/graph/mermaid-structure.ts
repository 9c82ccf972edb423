// A strict reader for the Mermaid flowchart subset renderGraph writes. No Mermaid parser is installed,
// so this checks what would break one: every line must be one of the statement forms below, every
// quoted label must hold only safe characters, entity codes and <br/>, subgraph/end must balance, no
// line may match Mermaid's colour-rewriting pre-parse patterns, and every edge must join declared nodes.
// It throws on the first problem and otherwise returns the graph with labels decoded.

export interface MermaidNode {
  readonly id: string;
  readonly shape: string;
  readonly label: string;
  /** The innermost subgraph id, or undefined at the top level. */
  readonly cluster: string | undefined;
}

export interface MermaidGraph {
  readonly nodes: Map<string, MermaidNode>;
  readonly clusters: Map<string, { readonly label: string; readonly parent: string | undefined }>;
  readonly edges: Array<{ readonly from: string; readonly to: string; readonly dashed: boolean; readonly label: string | undefined }>;
  readonly classes: Map<string, string[]>;
}

const SHAPES: ReadonlyArray<readonly [string, string, string]> = [
  ['(((', ')))', 'double-circle'],
  ['((', '))', 'circle'],
  ['([', '])', 'stadium'],
  ['[[', ']]', 'subroutine'],
  ['{{', '}}', 'hexagon'],
  ['[', ']', 'box'],
  ['{', '}', 'rhombus'],
  ['(', ')', 'rounded'],
];

const LABEL_BODY = /^(?:[\p{L}\p{N} _.,:+=?!@$*'()/-]|#\d+;|<br\/>)+$/u;
const NODE = /^(n\d+)([([{]+)"([^"]*)"([)\]}]+)$/;
const EDGE = /^(n\d+) (-->|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$/;
const SUBGRAPH = /^subgraph (c\d+) \["([^"]*)"\]$/;
const CLASS_DEF = /^classDef (\w+) ([\w:#,. -]+)$/;
const CLASS = /^class ((?:n\d+,)*n\d+) (\w+)$/;

/** The label as a reader sees it: entity codes decoded, <br/> as a line break. */
export function decodeLabel(body: string): string {
  if (!LABEL_BODY.test(body)) throw new Error(`label holds unescaped characters: ${JSON.stringify(body)}`);
  return body.replace(/<br\/>/g, '\n').replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
}

export function readMermaid(text: string): MermaidGraph {
  const lines = text.split('\n');
  if (lines[0] !== 'flowchart TD') throw new Error(`first line is ${JSON.stringify(lines[0])}`);
  if (lines.at(-1) !== '') throw new Error('output does not end with a newline');
  const graph: MermaidGraph = { nodes: new Map(), clusters: new Map(), edges: [], classes: new Map() };
  const open: string[] = [];
  for (const [index, raw] of lines.slice(1, -1).entries()) {
    const where = `line ${index + 2}: ${raw}`;
    if (/style.*:\S*#.*;|classDef.*:\S*#.*;/.test(raw)) throw new Error(`Mermaid would rewrite ${where}`);
    if (raw.includes('%%')) throw new Error(`comment marker in ${where}`);
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      const [, id = '', label = ''] = m;
      if (graph.clusters.has(id)) throw new Error(`subgraph ${id} twice`);
      graph.clusters.set(id, { label: decodeLabel(label), parent: open.at(-1) });
      open.push(id);
    } else if (line === 'end') {
      if (open.pop() === undefined) throw new Error(`unbalanced end at ${where}`);
    } else if ((m = NODE.exec(line))) {
      const [, id = '', left = '', label = '', right = ''] = m;
      const shape = SHAPES.find(([l, r]) => l === left && r === right);
      if (shape === undefined) throw new Error(`unknown or unbalanced shape at ${where}`);
      if (graph.nodes.has(id)) throw new Error(`node ${id} declared twice`);
      graph.nodes.set(id, { id, shape: shape[2], label: decodeLabel(label), cluster: open.at(-1) });
    } else if ((m = EDGE.exec(line))) {
      const [, from = '', arrow, label, to = ''] = m;
      if (open.length > 0) throw new Error(`edge inside a subgraph at ${where}`);
      graph.edges.push({ from, to, dashed: arrow === '-.->', label: label === undefined ? undefined : decodeLabel(label) });
    } else if ((m = CLASS_DEF.exec(line))) {
      graph.classes.set(m[1] ?? '', []);
    } else if ((m = CLASS.exec(line))) {
      const members = graph.classes.get(m[2] ?? '');
      if (members === undefined) throw new Error(`class before its classDef at ${where}`);
      members.push(...(m[1] ?? '').split(','));
    } else {
      throw new Error(`not a statement renderGraph writes: ${where}`);
    }
  }
  if (open.length > 0) throw new Error(`subgraph ${open.join(', ')} never ends`);
  for (const edge of graph.edges) {
    for (const id of [edge.from, edge.to]) if (!graph.nodes.has(id)) throw new Error(`edge to undeclared node ${id}`);
  }
  for (const [name, ids] of graph.classes) for (const id of ids) if (!graph.nodes.has(id)) throw new Error(`class ${name} names ${id}`);
  return graph;
}
