import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { compileOrThrow } from '../../../src/definition/compile.js';
import { buildStateGraph } from '../../../src/graph/build.js';
import { renderStateGraph } from '../../../src/index.js';
import { readDot } from './dot-structure.js';
import { readMermaid } from './mermaid-structure.js';

/** 1,000 states: Tasks with Retry and Catch, a Choice every tenth state, and a Parallel and a Map. */
function largeDefinition(): JsonObject {
  const states: JsonObject = {};
  const count = 991; // + Fan, Each, Failed and six nested states = 1,000
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? `S${i + 1}` : 'Fan';
    states[`S${i}`] =
      i % 10 === 9
        ? { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: next }], Default: 'Failed' }
        : { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.Timeout'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }], Next: next };
  }
  const branch = (name: string): JsonObject => ({ StartAt: name, States: { [name]: { Type: 'Pass', Next: `${name}2` }, [`${name}2`]: { Type: 'Pass', End: true } } });
  states['Fan'] = { Type: 'Parallel', Branches: [branch('L'), branch('R')], Next: 'Each' };
  states['Each'] = { Type: 'Map', ItemProcessor: branch('I'), End: true };
  states['Failed'] = { Type: 'Fail', Error: 'Boom' };
  return { StartAt: 'S0', States: states };
}

describe('large definitions', () => {
  const machine = compileOrThrow(largeDefinition());

  it.each(['mermaid', 'dot'] as const)('draws 1,000 states as %s in milliseconds', (format) => {
    // Best of five: the machine is shared, and the first runs pay for V8 compiling the code.
    let best = Infinity;
    let text = '';
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      text = renderStateGraph(buildStateGraph(machine), format);
      best = Math.min(best, performance.now() - started);
    }
    const nodes = format === 'mermaid' ? readMermaid(text).nodes : readDot(text).nodes;
    // 1,000 states + Start, End and two joins.
    expect(nodes.size).toBe(1004);
    expect(best).toBeLessThan(50);
  });
});
