// The report's own layout: boxes that never overlap, clusters that hold their states, and ranks that
// follow the flow (a state is drawn below the state that leads to it, back edges aside).
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/index.js';
import { layoutGraph, type Box } from '../../src/report/layout.js';
import { REPORT_DEFINITION } from './report-machine.js';

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('layoutGraph', () => {
  const graph = buildGraph(REPORT_DEFINITION);
  const layout = layoutGraph(graph);
  const nodes = [...layout.nodes.values()];

  it('places every node once, inside the picture, with no two overlapping', () => {
    // Start, 9 states, the joins of the Parallel and the Map; no End node (the machine ends in Succeed).
    expect(nodes).toHaveLength(12);
    for (const node of nodes) expect(contains({ x: 0, y: 0, width: layout.width, height: layout.height }, node)).toBe(true);
    for (const [i, a] of nodes.entries()) for (const b of nodes.slice(i + 1)) expect(overlaps(a, b), `${a.node.label} / ${b.node.label}`).toBe(false);
  });

  it('draws each cluster around its own nodes and nested clusters', () => {
    for (const { cluster, ...box } of layout.clusters) {
      for (const node of cluster.nodes) expect(contains(box, layout.nodes.get(node.id) as Box), `${node.label} in ${cluster.label}`).toBe(true);
      for (const inner of cluster.clusters) expect(contains(box, layout.clusters.find((c) => c.cluster === inner) as Box)).toBe(true);
    }
  });

  it('puts a state below the one that leads to it', () => {
    const byPointer = new Map(nodes.filter((placed) => placed.node.kind === 'state').map((placed) => [placed.node.pointer, placed]));
    const y = (pointer: string): number => byPointer.get(pointer)?.y ?? Number.NaN;
    expect(y('/States/Load order')).toBeLessThan(y('/States/Fan out'));
    expect(y('/States/Route')).toBeLessThan(y('/States/Ship express'));
    // Longest path: Done sits below Ship express, which also leads to it.
    expect(y('/States/Ship express')).toBeLessThan(y('/States/Done'));
    expect(y('/States/Fan out/Branches/0/States/Each item')).toBeLessThan(y('/States/Fan out/Branches/0/States/Each item/ItemProcessor/States/Price'));
  });
});
