// State names (and rule operands, error names) chosen to break a careless renderer: quotes, brackets,
// arrows, comment and directive markers, entity look-alikes, HTML, keywords of both formats, line
// breaks, control characters, backslashes and non-BMP characters. Every one is a valid state name.
import type { JsonObject } from '../../../src/index.js';

export const HOSTILE_NAMES: readonly string[] = [
  '"quoted"',
  'a"]; n0 --> n1; %% gone',
  'end',
  'graph',
  'subgraph',
  'node',
  'edge',
  'digraph',
  'classDef',
  'style: x:#35;y;',
  'A --> B -.-> C ==> D',
  '[bracket] {brace} (paren) ((circle)) {{hex}}',
  'line one\nline two',
  'crlf\r\nand\ttab',
  'back\\slash \\n \\N \\" end\\',
  '<b>bold</b> <script>alert(1)</script> &amp; &lt;',
  'emoji 🚀 日本語 ü ß',
  '#quot; #35; &#60;',
  'pipe | back`tick`',
  'ﬂ°°60¶ß',
  'bell\u0007 nul\u0000 del\u007f',
  '   ',
  '%%{init: {"theme": "dark"}}%%',
];

/**
 * A machine whose every state has a hostile name: a chain of Pass states, a Choice whose rule
 * compares with a hostile string, a Task catching a hostile error, a Parallel whose branch holds a
 * hostile name, and a Fail with a hostile Error.
 */
export function hostileMachine(): JsonObject {
  const names = [...HOSTILE_NAMES];
  const [pick = '', task = '', parallel = '', inner = '', fail = '', ...chain] = names;
  const states: JsonObject = {};
  states[pick] = {
    Type: 'Choice',
    Choices: [{ Variable: '$.who', StringEquals: 'x" --> y %% #35;', Next: task }],
    Default: chain[0] ?? '',
  };
  states[task] = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Catch: [{ ErrorEquals: ['Err"]; end', 'Other.Error'], Next: fail }],
    Retry: [{ ErrorEquals: ['Retry<me>'], MaxAttempts: 2 }],
    Next: parallel,
  };
  states[parallel] = { Type: 'Parallel', Branches: [{ StartAt: inner, States: { [inner]: { Type: 'Pass', End: true } } }], Next: chain[0] ?? '' };
  states[fail] = { Type: 'Fail', Error: 'Bad"Error\\' };
  chain.forEach((name, i) => {
    states[name] = i + 1 < chain.length ? { Type: 'Pass', Next: chain[i + 1] ?? '' } : { Type: 'Succeed' };
  });
  return { StartAt: pick, States: states };
}
