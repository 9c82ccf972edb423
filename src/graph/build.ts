// CompiledMachine → StateGraph. Each scope is walked twice, as the compiler does: first every state
// gets its node (or its cluster, for Parallel and Map), then every Next/Choice/Catch/Retry becomes an
// edge to the node of the state object it was resolved to. Linear in the size of the definition.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMachine, CompiledMap, CompiledParallel, CompiledScope, CompiledState } from '../definition/compiled.js';
import { escapePointerSegment } from '../definition/diagnostic.js';
import { catchLabel, conditionLabel, retryLabel, ruleLabel, stateDetail } from './labels.js';
import type { GraphCluster, GraphEdge, GraphEdgeKind, GraphHighlight, GraphNode, GraphScope, NodeShape, StateGraph, StateOutcome } from './model.js';

interface Builder {
  nodeCount: number;
  clusterCount: number;
  readonly edges: GraphEdge[];
  readonly highlight: GraphHighlight | undefined;
}

/** Where edges attach to a state: into its node, and out of it (a Parallel/Map leaves from its join). */
interface Placed {
  readonly entry: string;
  readonly exit: string;
}

const SHAPES: Readonly<Record<CompiledState['type'], NodeShape>> = {
  Task: 'box',
  Pass: 'box',
  Wait: 'box',
  Choice: 'rhombus',
  Succeed: 'stadium',
  Fail: 'hexagon',
  Parallel: 'subroutine',
  Map: 'subroutine',
};

const OUTCOMES: ReadonlySet<string> = new Set<StateOutcome>(['succeeded', 'failed', 'caught', 'notRun']);

/** Builds the graph of a compiled machine; `highlight` adds outcome or coverage classes to states. */
export function buildStateGraph(machine: CompiledMachine, highlight?: GraphHighlight): StateGraph {
  const b: Builder = { nodeCount: 0, clusterCount: 0, edges: [], highlight };
  const root: StateGraph = { nodes: [], clusters: [], edges: b.edges };
  const start = addNode(b, root, { kind: 'start', shape: 'circle', label: 'Start', classes: ['marker'] });
  // Created when first needed, so a machine that only ends in Succeed/Fail states has no End node.
  let end: string | undefined;
  const toEnd = (from: string): void => {
    end ??= addNode(b, root, { kind: 'end', shape: 'double-circle', label: 'End', classes: ['marker'] });
    addEdge(b, from, end, 'end');
  };
  const first = buildScope(b, root, machine.root, '', machine.definition, toEnd);
  addEdge(b, start, first.entry, 'start');
  return root;
}

/**
 * Places every state of a scope in `container` and links them. `raw` is the scope's raw JSON, read
 * only to spell JSON Pointers as the definition does (a Map's legacy `Iterator`); `onEnd` links a
 * state with End: true to whatever ends this scope (the End node, or a Parallel/Map's join).
 */
function buildScope(
  b: Builder,
  container: GraphScope,
  scope: CompiledScope,
  pointer: string,
  raw: JsonValue | undefined,
  onEnd: (from: string) => void,
): Placed {
  const rawStates = isJsonObject(raw) ? raw['States'] : undefined;
  const placed = new Map<CompiledState, Placed>();
  for (const [name, state] of scope.states) {
    const statePointer = `${pointer}/States/${escapePointerSegment(name)}`;
    const rawState = isJsonObject(rawStates) ? rawStates[name] : undefined;
    placed.set(state, placeState(b, container, state, statePointer, isJsonObject(rawState) ? rawState : undefined));
  }
  const at = (state: CompiledState): Placed => placed.get(state) as Placed;
  for (const state of scope.states.values()) linkState(b, state, at, onEnd);
  return at(scope.startAt);
}

function placeState(b: Builder, container: GraphScope, state: CompiledState, pointer: string, raw: JsonObject | undefined): Placed {
  const classes = stateClasses(b.highlight, state, pointer);
  const node = { kind: 'state', shape: SHAPES[state.type], pointer, stateType: state.type, classes } as const;
  if (state.type !== 'Parallel' && state.type !== 'Map') {
    const id = addNode(b, container, { ...node, label: state.name, detail: stateDetail(state) });
    return { entry: id, exit: id };
  }
  // A cluster named after the state holds its node (the fork), one cluster per nested scope, and
  // the join every nested End leads to; the state's Next leaves from the join.
  const cluster: GraphCluster = { id: `c${b.clusterCount++}`, kind: 'state', label: state.name, pointer, nodes: [], clusters: [] };
  container.clusters.push(cluster);
  const fork = addNode(b, cluster, { ...node, label: stateDetail(state) ?? state.type });
  const join = `n${b.nodeCount++}`;
  for (const nested of nestedScopes(state, pointer, raw)) {
    const inner: GraphCluster = { id: `c${b.clusterCount++}`, kind: nested.kind, label: nested.label, pointer: nested.pointer, nodes: [], clusters: [] };
    cluster.clusters.push(inner);
    const first = buildScope(b, inner, nested.scope, nested.pointer, nested.raw, (from) => addEdge(b, from, join, 'end'));
    addEdge(b, fork, first.entry, 'branch');
  }
  const joinLabel = state.type === 'Parallel' ? 'all branches done' : 'all items done';
  cluster.nodes.push({ id: join, kind: 'join', shape: 'rounded', label: joinLabel, detail: undefined, pointer, stateType: undefined, classes: ['join'] });
  return { entry: fork, exit: join };
}

interface NestedScope {
  readonly kind: 'branch' | 'processor';
  readonly label: string;
  readonly pointer: string;
  readonly scope: CompiledScope;
  readonly raw: JsonValue | undefined;
}

function nestedScopes(state: CompiledParallel | CompiledMap, pointer: string, raw: JsonObject | undefined): NestedScope[] {
  if (state.type === 'Parallel') {
    const rawBranches = raw?.['Branches'];
    return state.branches.map((scope, i) => ({
      kind: 'branch',
      label: `Branch ${i + 1}`,
      pointer: `${pointer}/Branches/${i}`,
      scope,
      raw: Array.isArray(rawBranches) ? rawBranches[i] : undefined,
    }));
  }
  const field = raw !== undefined && raw['ItemProcessor'] === undefined && raw['Iterator'] !== undefined ? 'Iterator' : 'ItemProcessor';
  return [{ kind: 'processor', label: 'Item processor', pointer: `${pointer}/${field}`, scope: state.processor, raw: raw?.[field] }];
}

function linkState(b: Builder, state: CompiledState, at: (state: CompiledState) => Placed, onEnd: (from: string) => void): void {
  const { entry, exit } = at(state);
  switch (state.type) {
    case 'Choice':
      state.choices.forEach((choice, i) => {
        const jsonata = state.queryLanguage === 'JSONata' ? state.jsonata?.choices?.[i]?.condition : undefined;
        const label = state.queryLanguage === 'JSONata' ? conditionLabel(jsonata, choice.rule) : ruleLabel(choice.rule);
        addEdge(b, entry, at(choice.next).entry, 'choice', label);
      });
      if (state.default !== undefined) addEdge(b, entry, at(state.default).entry, 'default', 'Default');
      return;
    case 'Succeed':
    case 'Fail':
      return;
    case 'Task':
    case 'Parallel':
    case 'Map':
      for (const retrier of state.retry) addEdge(b, entry, entry, 'retry', retryLabel(retrier));
      for (const catcher of state.catch) addEdge(b, entry, at(catcher.next).entry, 'catch', catchLabel(catcher));
      break;
    case 'Pass':
    case 'Wait':
      break;
  }
  if (state.next === undefined) onEnd(exit);
  else addEdge(b, exit, at(state.next).entry, 'next');
}

/** The type's class, then the run outcome's and the coverage's when the caller gave them. */
function stateClasses(highlight: GraphHighlight | undefined, state: CompiledState, pointer: string): string[] {
  const classes = [state.type.toLowerCase()];
  if (highlight === undefined) return classes;
  const { stateOutcomes, coverage } = highlight;
  const outcome = stateOutcomes !== undefined && Object.hasOwn(stateOutcomes, pointer) ? stateOutcomes[pointer] : undefined;
  // Checked, not trusted: a class name is written into the output as syntax, not as a label.
  if (outcome !== undefined && OUTCOMES.has(outcome)) classes.push(outcome);
  if (coverage !== undefined && Object.hasOwn(coverage, pointer)) {
    const seen = coverage[pointer];
    classes.push(seen === true || (typeof seen === 'number' && seen > 0) ? 'covered' : 'uncovered');
  }
  return classes;
}

type NewNode = Omit<GraphNode, 'id' | 'detail' | 'pointer' | 'stateType'> & Partial<Pick<GraphNode, 'detail' | 'pointer' | 'stateType'>>;

function addNode(b: Builder, container: GraphScope, node: NewNode): string {
  const id = `n${b.nodeCount++}`;
  container.nodes.push({ detail: undefined, pointer: undefined, stateType: undefined, ...node, id });
  return id;
}

function addEdge(b: Builder, from: string, to: string, kind: GraphEdgeKind, label?: string): void {
  b.edges.push({ from, to, kind, label, dashed: kind === 'catch' || kind === 'retry' });
}
