import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/index.js';
import { graphOf, machine } from './graph-helpers.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('buildGraph: states and plain transitions', () => {
  const found = graphOf(
    machine({
      Fetch: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fetch', Next: 'Shape' },
      Shape: { Type: 'Pass', Next: 'Pause' },
      Pause: { Type: 'Wait', Seconds: 10, Next: 'Later' },
      Later: { Type: 'Wait', TimestampPath: '$.when', Next: 'Call' },
      Call: { Type: 'Task', Resource: LAMBDA, End: true },
    }),
  );

  it('draws one node per state, with its shape, name and type line', () => {
    const rows = found.nodes.filter((n) => n.kind === 'state').map((n) => [n.label, n.shape, n.detail, n.pointer]);
    expect(rows).toEqual([
      ['Fetch', 'box', 'Task: lambda fetch', '/States/Fetch'],
      ['Shape', 'box', 'Pass', '/States/Shape'],
      ['Pause', 'box', 'Wait 10s', '/States/Pause'],
      ['Later', 'box', 'Wait until $.when', '/States/Later'],
      ['Call', 'box', 'Task: lambda:invoke', '/States/Call'],
    ]);
  });

  it('links Start to StartAt, each Next in order, and End: true to the End node', () => {
    const id = (name: string) => found.state(`/States/${name}`).id;
    const start = found.marker('start');
    const end = found.marker('end');
    expect(found.from(start.id)).toEqual([{ from: start.id, to: id('Fetch'), kind: 'start', label: undefined, dashed: false }]);
    expect(found.edge(id('Fetch'), id('Shape')).kind).toBe('next');
    expect(found.edge(id('Later'), id('Call')).kind).toBe('next');
    expect(found.edge(id('Call'), end.id)).toMatchObject({ kind: 'end', dashed: false });
    expect(found.graph.edges).toHaveLength(6);
  });

  it('generates every id (n0, n1... / c0, c1...) instead of using names', () => {
    expect(found.nodes.map((n) => n.id).every((id) => /^n\d+$/.test(id))).toBe(true);
    expect(new Set(found.nodes.map((n) => n.id)).size).toBe(found.nodes.length);
  });
});

describe('buildGraph: terminals', () => {
  it('draws Succeed and Fail as terminal shapes and adds no End node when nothing has End: true', () => {
    const found = graphOf(
      machine({
        Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Broken' },
        Done: { Type: 'Succeed' },
        Broken: { Type: 'Fail', Error: 'Order.Invalid', Cause: 'no' },
      }),
    );
    expect(found.state('/States/Check')).toMatchObject({ shape: 'rhombus', detail: undefined, classes: ['choice'] });
    expect(found.state('/States/Done')).toMatchObject({ shape: 'stadium', classes: ['succeed'] });
    expect(found.state('/States/Broken')).toMatchObject({ shape: 'hexagon', detail: 'Fail: Order.Invalid', classes: ['fail'] });
    expect(found.nodes.some((n) => n.kind === 'end')).toBe(false);
    expect(found.from(found.state('/States/Done').id)).toEqual([]);
    expect(found.from(found.state('/States/Broken').id)).toEqual([]);
  });
});

describe('buildGraph: error handling edges', () => {
  const found = graphOf(
    machine({
      Charge: {
        Type: 'Task',
        Resource: LAMBDA,
        Retry: [
          { ErrorEquals: ['Lambda.ServiceException', 'States.Timeout'], MaxAttempts: 5 },
          { ErrorEquals: ['States.ALL'] },
        ],
        Catch: [
          { ErrorEquals: ['Card.Declined'], Next: 'Declined' },
          { ErrorEquals: ['States.ALL'], Next: 'Oops' },
        ],
        End: true,
      },
      Declined: { Type: 'Fail', Error: 'Declined' },
      Oops: { Type: 'Fail' },
    }),
  );
  const charge = found.state('/States/Charge').id;

  it('draws each Retry as a dashed self-loop naming the errors and MaxAttempts (default 3)', () => {
    const loops = found.from(charge).filter((e) => e.kind === 'retry');
    expect(loops.map((e) => [e.to, e.label, e.dashed])).toEqual([
      [charge, 'Retry Lambda.ServiceException, States.Timeout (max 5)', true],
      [charge, 'Retry States.ALL (max 3)', true],
    ]);
  });

  it('draws each Catch as a dashed edge labelled with its ErrorEquals', () => {
    expect(found.edge(charge, found.state('/States/Declined').id)).toMatchObject({ kind: 'catch', label: 'Catch Card.Declined', dashed: true });
    expect(found.edge(charge, found.state('/States/Oops').id)).toMatchObject({ kind: 'catch', label: 'Catch States.ALL', dashed: true });
    expect(found.state('/States/Oops').detail).toBe('Fail');
  });
});

describe('buildGraph: Parallel and Map', () => {
  const found = graphOf(
    machine({
      Both: {
        Type: 'Parallel',
        Branches: [
          machine({ Left: { Type: 'Pass', Next: 'LeftDone' }, LeftDone: { Type: 'Succeed' } }),
          machine({ Right: { Type: 'Pass', End: true } }),
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: machine({ Work: { Type: 'Task', Resource: LAMBDA, End: true } }),
        End: true,
      },
      Failed: { Type: 'Fail' },
    }),
  );

  it('makes a cluster per Parallel holding its node, one cluster per branch with its states, and a join', () => {
    const both = found.cluster('/States/Both');
    expect(both).toMatchObject({ kind: 'state', label: 'Both' });
    expect(both.clusters.map((c) => [c.kind, c.label, c.pointer])).toEqual([
      ['branch', 'Branch 1', '/States/Both/Branches/0'],
      ['branch', 'Branch 2', '/States/Both/Branches/1'],
    ]);
    const fork = found.state('/States/Both');
    expect(fork).toMatchObject({ shape: 'subroutine', label: 'Parallel (2 branches)', classes: ['parallel'] });
    expect(found.parentOf(fork.id)).toBe(both);
    const left = found.state('/States/Both/Branches/0/States/Left');
    expect(found.parentOf(left.id)?.label).toBe('Branch 1');
    expect(found.parentOf(found.state('/States/Both/Branches/1/States/Right').id)?.label).toBe('Branch 2');
    expect(found.edge(fork.id, left.id).kind).toBe('branch');
  });

  it("ends branches at the join, leaves by the join for Next, and by the state's node for Catch", () => {
    const fork = found.state('/States/Both').id;
    const join = found.marker('join');
    expect(found.parentOf(join.id)?.pointer).toBe('/States/Both');
    expect(found.edge(found.state('/States/Both/Branches/1/States/Right').id, join.id).kind).toBe('end');
    expect(found.edge(join.id, found.state('/States/Each').id).kind).toBe('next');
    expect(found.edge(fork, found.state('/States/Failed').id).kind).toBe('catch');
    // A branch's Succeed ends that branch only: no edge to the machine's End.
    expect(found.from(found.state('/States/Both/Branches/0/States/LeftDone').id)).toEqual([]);
  });

  it('puts a Map item processor in its own cluster, inside the Map cluster', () => {
    const each = found.cluster('/States/Each');
    expect(each.clusters.map((c) => [c.kind, c.label, c.pointer])).toEqual([['processor', 'Item processor', '/States/Each/ItemProcessor']]);
    const work = found.state('/States/Each/ItemProcessor/States/Work');
    expect(found.parentOf(work.id)?.pointer).toBe('/States/Each/ItemProcessor');
    expect(found.state('/States/Each').label).toBe('Map over $.items');
  });

  it('spells pointers as the definition does: legacy Iterator, nested scopes, escaped names', () => {
    const nested = graphOf(
      machine({
        'a/b~c': {
          Type: 'Parallel',
          Branches: [machine({ Inner: { Type: 'Map', Iterator: machine({ Leaf: { Type: 'Pass', End: true } }), End: true } })],
          End: true,
        },
      }),
    );
    expect(nested.state('/States/a~1b~0c/Branches/0/States/Inner/Iterator/States/Leaf').label).toBe('Leaf');
  });
});

describe('buildGraph: highlight and errors', () => {
  const definition = machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Pass', End: true } });

  it('adds an outcome and a coverage class per state, keyed by JSON Pointer', () => {
    const found = graphOf(definition, {
      highlight: { stateOutcomes: { '/States/A': 'succeeded', '/States/B': 'failed', '/States/C': 'notRun' }, coverage: { '/States/A': 3, '/States/B': true, '/States/C': 0 } },
    });
    expect(['A', 'B', 'C'].map((s) => found.state(`/States/${s}`).classes)).toEqual([
      ['pass', 'succeeded', 'covered'],
      ['pass', 'failed', 'covered'],
      ['pass', 'notRun', 'uncovered'],
    ]);
  });

  it('ignores unknown outcomes and states not listed (class names are syntax, not labels)', () => {
    const outcomes = { '/States/A': 'x" --> evil', '/States/B': 'caught' } as unknown as Record<string, 'caught'>;
    const found = graphOf(definition, { highlight: { stateOutcomes: outcomes } });
    expect(['A', 'B', 'C'].map((s) => found.state(`/States/${s}`).classes)).toEqual([['pass'], ['pass', 'caught'], ['pass']]);
  });

  it('throws DefinitionError with diagnostics for an invalid definition', () => {
    expect(() => graphOf(machine({ A: { Type: 'Pass', Next: 'Nowhere' } }))).toThrow(DefinitionError);
  });

  it('reads YAML text when the file name says so', () => {
    const found = graphOf('StartAt: A\nStates:\n  A:\n    Type: Succeed\n', { fileName: 'm.asl.yaml' });
    expect(found.state('/States/A').shape).toBe('stadium');
  });
});
