// A strict reader for the DOT renderGraph writes (Graphviz is not installed here, so this stands in
// for `dot -Tsvg`): it tokenizes as the DOT grammar does (ids, quoted strings with \" escapes,
// punctuation), accepts only the statement forms renderGraph uses, checks braces balance and that
// every edge joins declared nodes, and decodes labels as Graphviz would show them.

export interface DotGraph {
  readonly nodes: Map<string, { readonly attributes: Map<string, string>; readonly cluster: string | undefined }>;
  readonly clusters: Map<string, { readonly attributes: Map<string, string>; readonly parent: string | undefined }>;
  readonly edges: Array<{ readonly from: string; readonly to: string; readonly attributes: Map<string, string> }>;
}

type Token = { readonly kind: 'id' | 'string'; readonly text: string } | { readonly kind: 'punct'; readonly text: string };

const KEYWORDS = new Set(['node', 'edge', 'graph', 'digraph', 'subgraph', 'strict']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) i++;
    else if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted string');
        const c = text[i] as string;
        if (c === '\n') throw new Error('raw line break inside a quoted string');
        if (c === '"') break;
        if (c === '\\') {
          const next = text[i + 1];
          if (next === undefined) throw new Error('backslash at end of input');
          value += c + next;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (text.startsWith('->', i)) {
      tokens.push({ kind: 'punct', text: '->' });
      i += 2;
    } else if ('{}[]=,;'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^-?[0-9.]+/.exec(text.slice(i));
      if (m === null) throw new Error(`unexpected character ${JSON.stringify(ch)} at ${i}`);
      tokens.push({ kind: 'id', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** A quoted label as Graphviz shows it: \\ → \, \" → ", \n → line break, &amp; → &. */
export function decodeDotLabel(value: string): string {
  if (/\\[^\\"n]/.test(value.replace(/\\\\/g, ''))) throw new Error(`unexpected escape in ${JSON.stringify(value)}`);
  if (/&(?!amp;)/.test(value)) throw new Error(`bare & (read by Graphviz as an entity) in ${JSON.stringify(value)}`);
  return value.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c)).replace(/&amp;/g, '&');
}

export function readDot(text: string): DotGraph {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const take = (expected?: string): Token => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('unexpected end of input');
    if (expected !== undefined && token.text !== expected) throw new Error(`expected ${expected}, got ${token.text}`);
    return token;
  };
  const id = (): string => {
    const token = take();
    if (token.kind !== 'id' || KEYWORDS.has(token.text)) throw new Error(`expected a node id, got ${token.text}`);
    return token.text;
  };
  const attributes = (): Map<string, string> => {
    const out = new Map<string, string>();
    take('[');
    while (peek()?.text !== ']') {
      const key = take();
      take('=');
      const value = take();
      if (key.kind !== 'id' || value.kind === 'punct') throw new Error(`bad attribute ${key.text}`);
      out.set(key.text, value.kind === 'string' ? decodeDotLabel(value.text) : value.text);
      if (peek()?.text === ',') take(',');
    }
    take(']');
    return out;
  };
  const graph: DotGraph = { nodes: new Map(), clusters: new Map(), edges: [] };
  take('digraph');
  if (take().kind !== 'string') throw new Error('graph name must be quoted');
  take('{');
  const open: string[] = [];
  for (;;) {
    const token = peek();
    if (token === undefined) throw new Error('graph never closes');
    if (token.text === '}') {
      take();
      if (open.pop() === undefined) break;
    } else if (token.text === 'graph' || token.text === 'node' || token.text === 'edge') {
      take();
      const attrs = attributes();
      const cluster = open.at(-1);
      if (token.text === 'graph' && cluster !== undefined) graph.clusters.set(cluster, { attributes: attrs, parent: open.at(-2) });
    } else if (token.text === 'subgraph') {
      take();
      const name = id();
      if (!name.startsWith('cluster_') || graph.clusters.has(name)) throw new Error(`bad cluster name ${name}`);
      take('{');
      graph.clusters.set(name, { attributes: new Map(), parent: open.at(-1) });
      open.push(name);
    } else {
      const from = id();
      if (peek()?.text === '->') {
        take();
        const to = id();
        graph.edges.push({ from, to, attributes: attributes() });
      } else {
        if (graph.nodes.has(from)) throw new Error(`node ${from} declared twice`);
        graph.nodes.set(from, { attributes: attributes(), cluster: open.at(-1) });
      }
    }
  }
  if (at !== tokens.length) throw new Error('text after the closing brace');
  for (const edge of graph.edges) {
    for (const end of [edge.from, edge.to]) if (!graph.nodes.has(end)) throw new Error(`edge to undeclared node ${end}`);
  }
  return graph;
}
