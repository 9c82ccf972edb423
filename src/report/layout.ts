// A small layered layout of a StateGraph for the HTML report (no Graphviz, no Mermaid at hand). Each
// scope (the top level, a Parallel/Map cluster, a branch) is laid out on its own: its items (nodes,
// and child clusters as single blocks) get ranks by BFS from the scope's entry, one row per rank,
// centred; a cluster's size is its own layout plus padding. Linear in the graph, good enough to read.
import type { GraphCluster, GraphEdge, GraphNode, GraphScope, StateGraph } from '../graph/model.js';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 42;
const RANK_GAP = 36;
const ITEM_GAP = 26;
const PAD = 12;
const TITLE = 20;
const RETRY_ROOM = 70;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedNode extends Box {
  readonly node: GraphNode;
}

export interface PlacedCluster extends Box {
  readonly cluster: GraphCluster;
  readonly depth: number;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  /** Outermost first, so drawing in order puts inner boxes on top. */
  readonly clusters: readonly PlacedCluster[];
  readonly edges: readonly GraphEdge[];
}

type Item = { readonly kind: 'node'; readonly node: GraphNode } | { readonly kind: 'cluster'; readonly cluster: GraphCluster };

/** Relative placement of a scope: item offsets from the scope's own top-left corner. */
interface ScopeLayout {
  readonly width: number;
  readonly height: number;
  readonly place: (dx: number, dy: number, depth: number, out: MutableLayout) => void;
}

interface MutableLayout {
  readonly nodes: Map<string, PlacedNode>;
  readonly clusters: PlacedCluster[];
}

/** Lays out the whole graph; coordinates start at (0, 0). */
export function layoutGraph(graph: StateGraph): GraphLayout {
  const owner = new Map<string, string>();
  indexOwners(graph, 'root', owner);
  const clusterParent = new Map<string, string>();
  indexClusterParents(graph, 'root', clusterParent);
  const root = layoutScope(graph, 'root', graph.edges, owner, clusterParent);
  const out: MutableLayout = { nodes: new Map(), clusters: [] };
  root.place(PAD, PAD, 0, out);
  // Room on the right for Retry loops and their labels, which stick out of their state's box.
  return { width: root.width + 2 * PAD + RETRY_ROOM, height: root.height + 2 * PAD, nodes: out.nodes, clusters: out.clusters, edges: graph.edges };
}

function indexOwners(scope: GraphScope, id: string, owner: Map<string, string>): void {
  for (const node of scope.nodes) owner.set(node.id, id);
  for (const cluster of scope.clusters) indexOwners(cluster, cluster.id, owner);
}

function indexClusterParents(scope: GraphScope, id: string, parents: Map<string, string>): void {
  for (const cluster of scope.clusters) {
    parents.set(cluster.id, id);
    indexClusterParents(cluster, cluster.id, parents);
  }
}

/** The direct item of scope `scopeId` that holds node `nodeId` (itself, or a child cluster), if any. */
function itemKeyIn(scopeId: string, nodeId: string, owner: ReadonlyMap<string, string>, parents: ReadonlyMap<string, string>): string | undefined {
  let container = owner.get(nodeId);
  if (container === scopeId) return nodeId;
  while (container !== undefined && container !== 'root') {
    const parent = parents.get(container);
    if (parent === scopeId) return container;
    container = parent;
  }
  return undefined;
}

function layoutScope(
  scope: GraphScope,
  scopeId: string,
  edges: readonly GraphEdge[],
  owner: ReadonlyMap<string, string>,
  parents: ReadonlyMap<string, string>,
): ScopeLayout {
  const items = new Map<string, Item>();
  for (const node of scope.nodes) items.set(node.id, { kind: 'node', node });
  for (const cluster of scope.clusters) items.set(cluster.id, { kind: 'cluster', cluster });
  const next = new Map<string, string[]>();
  const incoming = new Set<string>();
  for (const edge of edges) {
    const from = itemKeyIn(scopeId, edge.from, owner, parents);
    const to = itemKeyIn(scopeId, edge.to, owner, parents);
    if (from === undefined || to === undefined || from === to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
    incoming.add(to);
  }
  const ranks = rankItems([...items.keys()], next, incoming);
  const sizes = new Map<string, { width: number; height: number; layout?: ScopeLayout }>();
  for (const [key, item] of items) {
    if (item.kind === 'node') sizes.set(key, { width: NODE_WIDTH, height: NODE_HEIGHT });
    else {
      const inner = layoutScope(item.cluster, item.cluster.id, edges, owner, parents);
      sizes.set(key, { width: inner.width + 2 * PAD, height: inner.height + 2 * PAD + TITLE, layout: inner });
    }
  }
  const rowWidth = (row: readonly string[]): number => row.reduce((sum, key) => sum + (sizes.get(key)?.width ?? 0), 0) + ITEM_GAP * Math.max(0, row.length - 1);
  const rowHeight = (row: readonly string[]): number => Math.max(0, ...row.map((key) => sizes.get(key)?.height ?? 0));
  const width = Math.max(NODE_WIDTH, ...ranks.map(rowWidth));
  const height = ranks.reduce((sum, row) => sum + rowHeight(row), 0) + RANK_GAP * Math.max(0, ranks.length - 1);
  const place = (dx: number, dy: number, depth: number, out: MutableLayout): void => {
    let y = dy;
    for (const row of ranks) {
      const h = rowHeight(row);
      let x = dx + (width - rowWidth(row)) / 2;
      for (const key of row) {
        const item = items.get(key);
        const size = sizes.get(key);
        if (item === undefined || size === undefined) continue;
        const top = y + (h - size.height) / 2;
        if (item.kind === 'node') out.nodes.set(key, { node: item.node, x, y: top, width: size.width, height: size.height });
        else {
          out.clusters.push({ cluster: item.cluster, depth, x, y: top, width: size.width, height: size.height });
          size.layout?.place(x + PAD, top + PAD + TITLE, depth + 1, out);
        }
        x += size.width + ITEM_GAP;
      }
      y += h + RANK_GAP;
    }
  };
  return { width, height, place };
}

/**
 * Ranks by longest path from the scope's entry (the first item nothing in the scope leads to), over
 * the edges that go forward in BFS order (so loops do not count): a state sits below every state
 * that leads to it. One pass, in BFS order, since forward edges only point later. Unreached items go last.
 */
function rankItems(keys: readonly string[], next: ReadonlyMap<string, readonly string[]>, incoming: ReadonlySet<string>): string[][] {
  const order = new Map<string, number>();
  const queue = keys.filter((key) => !incoming.has(key)).slice(0, 1);
  if (queue.length === 0 && keys[0] !== undefined) queue.push(keys[0]);
  for (const key of queue) order.set(key, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const to of next.get(queue[i] as string) ?? []) {
      if (order.has(to)) continue;
      order.set(to, queue.length);
      queue.push(to);
    }
  }
  const rank = new Map<string, number>();
  for (const key of queue) {
    const own = rank.get(key) ?? 0;
    rank.set(key, own);
    for (const to of next.get(key) ?? []) {
      if ((order.get(to) ?? 0) > (order.get(key) ?? 0)) rank.set(to, Math.max(rank.get(to) ?? 0, own + 1));
    }
  }
  let last = Math.max(-1, ...rank.values());
  for (const key of keys) if (!rank.has(key)) rank.set(key, ++last);
  const rows: string[][] = [];
  for (const key of keys) (rows[rank.get(key) ?? 0] ??= []).push(key);
  return orderRows(rows.filter((row) => row !== undefined), next);
}

/** Fewer crossings: each row sorted by the mean column of the items above that lead to it (stable). */
function orderRows(rows: string[][], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const column = new Map<string, number>();
  const above = new Map<string, number[]>();
  for (const row of rows) {
    const mean = (key: string): number => {
      const cols = above.get(key) ?? [];
      return cols.length === 0 ? Number.POSITIVE_INFINITY : cols.reduce((a, b) => a + b, 0) / cols.length;
    };
    row.sort((a, b) => mean(a) - mean(b) || 0);
    row.forEach((key, i) => column.set(key, i));
    for (const key of row) for (const to of next.get(key) ?? []) if (!column.has(to)) above.set(to, [...(above.get(to) ?? []), column.get(key) ?? 0]);
  }
  return rows;
}
