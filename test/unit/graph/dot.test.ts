import { describe, expect, it } from 'vitest';
import { buildGraph, renderGraph } from '../../../src/index.js';
import { dotText } from '../../../src/graph/dot.js';
import { visibleText } from '../../../src/graph/text.js';
import { decodeDotLabel, readDot } from './dot-structure.js';
import { machine } from './graph-helpers.js';
import { HOSTILE_NAMES, hostileMachine } from './hostile-machine.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('renderGraph (dot)', () => {
  const definition = machine({
    Wait: { Type: 'Wait', Seconds: 5, Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemProcessor: machine({ Work: { Type: 'Task', Resource: LAMBDA, End: true } }),
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      End: true,
    },
    Failed: { Type: 'Fail', Error: 'MapFailed' },
  });
  const graph = readDot(renderGraph(definition, { format: 'dot' }));
  const label = (id: string) => graph.nodes.get(id)?.attributes.get('label');
  const byLabel = (text: string) => [...graph.nodes.entries()].find(([, n]) => n.attributes.get('label') === text)?.[0] ?? '';

  it('declares each node with its label, shape and classes', () => {
    const rows = [...graph.nodes.values()].map((n) => [n.attributes.get('label'), n.attributes.get('shape'), n.attributes.get('class')]);
    expect(rows).toEqual([
      ['Start', 'circle', 'marker'],
      ['Wait\nWait 5s', 'box', 'wait'],
      ['Failed\nFail: MapFailed', 'hexagon', 'fail'],
      ['End', 'doublecircle', 'marker'],
      ['Map', 'box', 'map'],
      ['all items done', 'box', 'join'],
      ['Work\nTask: lambda:invoke', 'box', 'task'],
    ]);
  });

  it('puts the Map and its item processor in nested clusters', () => {
    const work = graph.nodes.get(byLabel('Work\nTask: lambda:invoke'));
    const processor = graph.clusters.get(work?.cluster ?? '');
    expect(processor?.attributes.get('label')).toBe('Item processor');
    expect(graph.clusters.get(processor?.parent ?? '')?.attributes.get('label')).toBe('Each');
  });

  it('draws Next, Retry and Catch edges, error paths dashed', () => {
    const edges = graph.edges.map((e) => [label(e.from)?.split('\n')[0], label(e.to)?.split('\n')[0], e.attributes.get('label') ?? '', e.attributes.get('style') ?? 'solid'].join(' | '));
    expect(edges.sort()).toEqual(
      [
        'Start | Wait |  | solid',
        'Wait | Map |  | solid',
        'Map | Work |  | solid',
        'Work | all items done |  | solid',
        'Map | Map | Retry States.ALL (max 1) | dashed',
        'Map | Failed | Catch States.ALL | dashed',
        'all items done | End |  | solid',
      ].sort(),
    );
  });

  it('colours highlighted states', () => {
    const text = renderGraph(definition, { format: 'dot', highlight: { stateOutcomes: { '/States/Wait': 'failed' }, coverage: { '/States/Failed': 0 } } });
    const nodes = [...readDot(text).nodes.values()];
    const wait = nodes.find((n) => n.attributes.get('label') === 'Wait\nWait 5s');
    expect(wait?.attributes.get('class')).toBe('wait failed');
    expect(wait?.attributes.get('fillcolor')).toBe('#f6aea9');
    expect(wait?.attributes.get('penwidth')).toBe('2');
    const failed = nodes.find((n) => n.attributes.get('label') === 'Failed\nFail: MapFailed');
    expect(failed?.attributes.get('class')).toBe('fail uncovered');
    expect(failed?.attributes.get('style')).toBe('filled,dashed');
  });
});

describe('dot escaping', () => {
  const graph = readDot(renderGraph(hostileMachine(), { format: 'dot' }));
  const names = [...[...graph.nodes.values()].map((n) => n.attributes), ...[...graph.clusters.values()].map((c) => c.attributes)].map((a) => a.get('label') ?? '');

  it.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name), name]))('draws the state %s with its name intact', (_shown, name) => {
    const expected = visibleText(name);
    expect(names.filter((l) => l === expected || l.startsWith(`${expected}\n`))).toHaveLength(1);
  });

  it('keeps hostile rule operands and error names inside their labels, and every edge', () => {
    const labels = graph.edges.map((e) => e.attributes.get('label'));
    expect(labels).toContain('$.who == "x\\" --> y %% #35;"');
    expect(labels).toContain('Catch Err"]; end, Other.Error');
    expect(graph.edges).toHaveLength(buildGraph(hostileMachine()).edges.length);
  });

  it.each([
    ['say "hi"', 'say \\"hi\\"'],
    ['C:\\dir\\', 'C:\\\\dir\\\\'],
    ['\\N \\G \\l', '\\\\N \\\\G \\\\l'],
    ['a\nb', 'a\\nb'],
    ['&lt; & &amp;', '&amp;lt; &amp; &amp;amp;'],
    ['<b>x</b>', '<b>x</b>'],
  ])('writes %j as %j', (text, expected) => {
    expect(dotText(text)).toBe(expected);
    expect(decodeDotLabel(dotText(text))).toBe(text);
  });
});
