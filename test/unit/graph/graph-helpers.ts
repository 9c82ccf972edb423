// Small readers over a StateGraph, so the graph tests can say "the edge from A to B" instead of
// walking ids.
import { buildGraph } from '../../../src/index.js';
import type { JsonObject, GraphCluster, GraphEdge, GraphNode, GraphScope, StateGraph } from '../../../src/index.js';

export function machine(states: JsonObject, extra: JsonObject = {}): JsonObject {
  return { StartAt: Object.keys(states)[0] ?? '', States: states, ...extra };
}

export interface Found {
  readonly graph: StateGraph;
  readonly nodes: GraphNode[];
  readonly clusters: GraphCluster[];
  /** The node of the state at this JSON Pointer (for Parallel/Map: its fork node). */
  state(pointer: string): GraphNode;
  /** The Start, End or join node (the first when there are several). */
  marker(kind: 'start' | 'end' | 'join'): GraphNode;
  cluster(pointer: string): GraphCluster;
  /** Edges leaving a node, in order. */
  from(id: string): GraphEdge[];
  edge(from: string, to: string): GraphEdge;
  /** The innermost cluster holding a node, or undefined at the top level. */
  parentOf(id: string): GraphCluster | undefined;
}

export function graphOf(definition: unknown, options: Parameters<typeof buildGraph>[1] = {}): Found {
  const graph = buildGraph(definition as Parameters<typeof buildGraph>[0], options);
  const nodes: GraphNode[] = [];
  const clusters: GraphCluster[] = [];
  const parents = new Map<string, GraphCluster | undefined>();
  const walk = (scope: GraphScope, parent: GraphCluster | undefined): void => {
    for (const node of scope.nodes) {
      nodes.push(node);
      parents.set(node.id, parent);
    }
    for (const cluster of scope.clusters) {
      clusters.push(cluster);
      walk(cluster, cluster);
    }
  };
  walk(graph, undefined);
  const one = <T>(items: T[], what: string): T => {
    if (items.length === 0) throw new Error(`no ${what}`);
    return items[0] as T;
  };
  return {
    graph,
    nodes,
    clusters,
    state: (pointer) => one(nodes.filter((n) => n.kind === 'state' && n.pointer === pointer), `state ${pointer}`),
    marker: (kind) => one(nodes.filter((n) => n.kind === kind), kind),
    cluster: (pointer) => one(clusters.filter((c) => c.pointer === pointer), `cluster ${pointer}`),
    from: (id) => graph.edges.filter((e) => e.from === id),
    edge: (from, to) => one(graph.edges.filter((e) => e.from === from && e.to === to), `edge ${from} -> ${to}`),
    parentOf: (id) => parents.get(id),
  };
}
