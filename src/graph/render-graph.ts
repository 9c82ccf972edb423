// The graph entry points: validate and compile the definition once (the same compiled machine an
// execution runs), build the format-free StateGraph, then render it as Mermaid or DOT.
import type { JsonValue } from '../core/json.js';
import { compileOrThrow } from '../definition/compile.js';
import type { StateMachineType } from '../definition/model.js';
import type { ParsedDefinition } from '../definition/source.js';
import { buildStateGraph } from './build.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { GRAPH_FORMATS, type GraphFormat } from './formats.js';
import type { GraphHighlight, StateGraph } from './model.js';

export type { GraphFormat } from './formats.js';

export interface GraphOptions {
  /** Used to pick JSON or YAML when the definition is given as text. */
  readonly fileName?: string;
  /** The type the definition is validated for (EXPRESS rejects .sync tasks). Default STANDARD. */
  readonly type?: StateMachineType;
  /** Colour states by a run's outcome or by coverage (a class per state). */
  readonly highlight?: GraphHighlight;
}

export interface RenderGraphOptions extends GraphOptions {
  /** Default 'mermaid'. */
  readonly format?: GraphFormat;
}

/**
 * The graph of a definition as data: nodes with generated ids and the JSON Pointer of their state,
 * clusters for Parallel/Map and their branches, and labelled edges. Throws DefinitionError when the
 * definition is invalid.
 */
export function buildGraph(definition: string | JsonValue | ParsedDefinition, options: GraphOptions = {}): StateGraph {
  const machine = compileOrThrow(definition, {
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    ...(options.type === undefined ? {} : { type: options.type }),
  });
  return buildStateGraph(machine, options.highlight);
}

/** Renders a graph from buildGraph as Mermaid flowchart text or Graphviz DOT. */
export function renderStateGraph(graph: StateGraph, format: GraphFormat = 'mermaid'): string {
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
    default:
      throw new TypeError(`Unknown graph format ${JSON.stringify(format)}; use one of ${GRAPH_FORMATS.join(', ')}.`);
  }
}

/** buildGraph, then renderStateGraph. Throws DefinitionError when the definition is invalid. */
export function renderGraph(definition: string | JsonValue | ParsedDefinition, options: RenderGraphOptions = {}): string {
  return renderStateGraph(buildGraph(definition, options), options.format ?? 'mermaid');
}
