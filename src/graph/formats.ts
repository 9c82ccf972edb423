// The formats renderGraph draws, in a module of their own: `asl graph --help` lists them without
// loading the drawing code.
export type GraphFormat = 'mermaid' | 'dot';

export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];
