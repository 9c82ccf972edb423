import { describe, expect, it } from 'vitest';
import { buildGraph, renderGraph, renderStateGraph } from '../../../src/index.js';
import { mermaidText } from '../../../src/graph/mermaid.js';
import { visibleText } from '../../../src/graph/text.js';
import { machine } from './graph-helpers.js';
import { HOSTILE_NAMES, hostileMachine } from './hostile-machine.js';
import { decodeLabel, readMermaid } from './mermaid-structure.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('renderGraph (mermaid)', () => {
  const definition = machine({
    Pick: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'Fan' }], Default: 'Done' },
    Fan: {
      Type: 'Parallel',
      Branches: [machine({ Call: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.Timeout'] }], End: true } })],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broke' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Broke: { Type: 'Fail', Error: 'Broke' },
  });

  it('is the default format, and every line is a statement Mermaid reads', () => {
    const text = renderGraph(definition);
    expect(text).toBe(renderGraph(definition, { format: 'mermaid' }));
    const graph = readMermaid(text);
    const shapes = [...graph.nodes.values()].map((n) => [n.label, n.shape]);
    expect(shapes).toEqual([
      ['Start', 'circle'],
      ['Pick', 'rhombus'],
      ['Done', 'stadium'],
      ['Broke\nFail: Broke', 'hexagon'],
      ['Parallel (1 branch)', 'subroutine'],
      ['all branches done', 'rounded'],
      ['Call\nTask: lambda:invoke', 'box'],
    ]);
  });

  it('nests the Parallel cluster, its branch and the branch state as subgraphs', () => {
    const graph = readMermaid(renderGraph(definition));
    const call = [...graph.nodes.values()].find((n) => n.label.startsWith('Call'));
    const branch = graph.clusters.get(call?.cluster ?? '');
    expect(branch?.label).toBe('Branch 1');
    expect(graph.clusters.get(branch?.parent ?? '')).toEqual({ label: 'Fan', parent: undefined });
  });

  it('labels Choice, Default, Catch and Retry edges, with error paths dashed', () => {
    const graph = readMermaid(renderGraph(definition));
    const label = (id: string) => graph.nodes.get(id)?.label.split('\n')[0];
    const edges = graph.edges.map((e) => `${label(e.from)} ${e.dashed ? '-.->' : '-->'} ${label(e.to)}${e.label === undefined ? '' : ` [${e.label}]`}`);
    expect(edges.sort()).toEqual(
      [
        'Start --> Pick',
        'Pick --> Parallel (1 branch) [$.n > 1]',
        'Pick --> Done [Default]',
        'Parallel (1 branch) --> Call',
        'Call -.-> Call [Retry States.Timeout (max 3)]',
        'Call --> all branches done',
        'Parallel (1 branch) -.-> Broke [Catch States.ALL]',
        'all branches done --> Done',
      ].sort(),
    );
  });

  it('declares a class per state type and per highlight, highlights after types', () => {
    const text = renderGraph(definition, { highlight: { stateOutcomes: { '/States/Pick': 'succeeded', '/States/Fan': 'caught' } } });
    const graph = readMermaid(text);
    const order = [...graph.classes.keys()];
    expect(order.indexOf('succeeded')).toBeGreaterThan(order.indexOf('choice'));
    const members = (name: string) => (graph.classes.get(name) ?? []).map((id) => graph.nodes.get(id)?.label);
    expect(members('choice')).toEqual(['Pick']);
    expect(members('succeeded')).toEqual(['Pick']);
    expect(members('caught')).toEqual(['Parallel (1 branch)']);
    expect(members('task')).toEqual(['Call\nTask: lambda:invoke']);
  });
});

describe('mermaid escaping', () => {
  const graph = readMermaid(renderGraph(hostileMachine()));
  const labels = [...graph.nodes.values()].map((n) => n.label);
  // A Parallel's name is its cluster's title; every other state's is the first line of its node.
  const names = [...labels, ...[...graph.clusters.values()].map((c) => c.label)];

  it.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name), name]))('draws the state %s with its name intact', (_shown, name) => {
    const expected = visibleText(name).trim() === '' ? ' ' : visibleText(name);
    expect(names.filter((l) => l === expected || l.startsWith(`${expected}\n`))).toHaveLength(1);
  });

  it('keeps hostile rule operands and error names inside their labels', () => {
    const edgeLabels = graph.edges.map((e) => e.label);
    expect(edgeLabels).toContain('$.who == "x\\" --> y %% #35;"');
    expect(edgeLabels).toContain('Catch Err"]; end, Other.Error');
    expect(edgeLabels).toContain('Retry Retry<me> (max 2)');
    expect(labels).toContain('subgraph\nFail: Bad"Error\\');
  });

  it('draws as many nodes and edges as the model has', () => {
    const model = buildGraph(hostileMachine());
    expect(graph.edges).toHaveLength(model.edges.length);
    expect(renderStateGraph(model, 'mermaid')).toBe(renderGraph(hostileMachine()));
  });

  it.each([
    ['a "b"', 'a #34;b#34;'],
    ['x --> y', 'x --#62; y'],
    ['50% #1;', '50#37; #35;1#59;'],
    ['<br/>', '#60;br/#62;'],
    ['restyle: a', 're#115;tyle: a'],
    ['classDef', '#99;lassDef'],
    ['two\nlines', 'two<br/>lines'],
    ['', ' '],
    ['🚀', '#128640;'],
  ])('writes %j as %j', (text, expected) => {
    expect(mermaidText(text)).toBe(expected);
    if (text.trim() !== '') expect(decodeLabel(mermaidText(text))).toBe(text);
  });
});
