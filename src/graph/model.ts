// CONTRACT between the graph builder and its renderers: a state machine as boxes and arrows, with
// nothing format-specific in it. Node and cluster ids are generated (n0, n1... / c0, c1...) so no
// state name ever reaches a renderer's syntax as an identifier; names only appear in labels.
import type { StateType } from '../definition/compiled.js';

/** How a state ended in a run, for colouring the graph (the HTML report passes these). */
export type StateOutcome = 'succeeded' | 'failed' | 'caught' | 'notRun';

/**
 * What to colour. Keys are the JSON Pointer of each state in the definition, as in diagnostics:
 * `/States/A`, `/States/P/Branches/0/States/B`, `/States/M/ItemProcessor/States/C` (or
 * `/Iterator/` when the definition uses the legacy field). States not listed keep their type's style.
 */
export interface GraphHighlight {
  readonly stateOutcomes?: Readonly<Record<string, StateOutcome>>;
  /** Visits (or true/false) per state: more than zero (or true) is `covered`, else `uncovered`. */
  readonly coverage?: Readonly<Record<string, number | boolean>>;
}

export type NodeShape =
  | 'circle'
  | 'double-circle'
  | 'box'
  | 'rhombus'
  | 'stadium'
  | 'hexagon'
  | 'subroutine'
  | 'rounded';

/**
 * start/end: the top level's Start and End markers; state: one per state; join: where the
 * branches of a Parallel (or the iterations of a Map) come together before its Next.
 */
export type GraphNodeKind = 'start' | 'end' | 'state' | 'join';

export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly shape: NodeShape;
  /**
   * First line: the state name (any characters; renderers escape it). A Parallel/Map node shows its
   * type instead ("Parallel (2 branches)", "Map over $.items"): its name titles its cluster.
   */
  readonly label: string;
  /** Second line, smaller in spirit: the type and its key setting ("Task: lambda:invoke"). */
  readonly detail: string | undefined;
  /** The state's JSON Pointer in the definition (the key of GraphHighlight maps); a join has its Parallel/Map's. */
  readonly pointer: string | undefined;
  readonly stateType: StateType | undefined;
  /** Style classes: the state type (`task`, `choice`...), then any outcome or coverage class. */
  readonly classes: readonly string[];
}

/** Nodes and nested clusters: the top level, or the inside of a cluster. */
export interface GraphScope {
  readonly nodes: GraphNode[];
  readonly clusters: GraphCluster[];
}

/** A Parallel or Map state (kind 'state'), or one of its branches / its item processor. */
export interface GraphCluster extends GraphScope {
  readonly id: string;
  readonly kind: 'state' | 'branch' | 'processor';
  readonly label: string;
  /** The JSON Pointer of the state, branch or processor. */
  readonly pointer: string;
}

export type GraphEdgeKind = 'start' | 'next' | 'end' | 'choice' | 'default' | 'catch' | 'retry' | 'branch';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  readonly label: string | undefined;
  /** Error paths (Catch, Retry) are drawn dashed. */
  readonly dashed: boolean;
}

/** The whole picture: the top-level scope plus every edge (edges may cross clusters). */
export interface StateGraph extends GraphScope {
  readonly edges: GraphEdge[];
}
