// `asl graph`, in process against a fake Io: formats, --out, definition sources, and exit codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGraph } from '../../src/index.js';
import { fakeIo, runAsl } from '../support/fake-io.js';
import { runCli } from '../../src/cli/program.js';
import { machine } from '../support/run-cli.js';

const FLOW = machine({
  Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Stop' },
  Done: { Type: 'Succeed' },
  Stop: { Type: 'Fail', Error: 'NotOk' },
});
const FILES = { 'flow.asl.json': FLOW, 'flow.asl.yaml': 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n' };

describe('asl graph', () => {
  it('prints the Mermaid flowchart on stdout by default, exit 0', async () => {
    const run = await runAsl(['graph', 'flow.asl.json'], FILES);
    expect(run).toEqual({ code: 0, stdout: renderGraph(FLOW), stderr: '' });
    expect(run.stdout.startsWith('flowchart TD\n')).toBe(true);
    expect(run.stdout).toContain('-->|"Default"|');
  });

  it('prints DOT with --format dot', async () => {
    const run = await runAsl(['graph', 'flow.asl.json', '--format', 'dot'], FILES);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(renderGraph(FLOW, { format: 'dot' }));
    expect(run.stdout.startsWith('digraph "state machine" {\n')).toBe(true);
  });

  it('reads YAML and standard input', async () => {
    const yaml = await runAsl(['graph', 'flow.asl.yaml'], FILES);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('n1["A<br/>Pass"]');
    const stdin = await runAsl(['graph', '-'], {}, FLOW);
    expect(stdin).toEqual({ code: 0, stdout: renderGraph(FLOW), stderr: '' });
  });

  it('writes the graph to --out instead of stdout', async () => {
    const io = fakeIo(FILES);
    const code = await runCli(['node', 'asl', 'graph', 'flow.asl.json', '--out', 'flow.mmd'], io);
    expect(code).toBe(0);
    expect(io.out()).toBe('');
    expect(io.written.get('flow.mmd')).toBe(renderGraph(FLOW));
  });

  it('exits 3 when --out cannot be written', async () => {
    const run = await runAsl(['graph', 'flow.asl.json', '--out', '/unwritable/flow.mmd'], FILES);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('/unwritable/flow.mmd: cannot write: EACCES: permission denied\n');
  });

  it('exits 2 with the diagnostics on stderr for an invalid definition', async () => {
    const bad = machine({ A: { Type: 'Pass', Next: 'Missing' } });
    const run = await runAsl(['graph', 'bad.json'], { 'bad.json': bad });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bad\.json:1:\d+: error \w+ .*Missing.*\nbad\.json: invalid \(1 error\)\n$/);
  });

  it.each([
    ['a missing file', ['graph', 'nope.json'], 'nope.json: cannot read: ENOENT: no such file or directory\n'],
    ['an unknown format', ['graph', 'flow.asl.json', '--format', 'svg'], "error: option '--format <format>' argument 'svg' is invalid."],
    ['no definition', ['graph'], "error: missing required argument 'definition' (or give --template FILE)"],
  ])('exits 3 for %s', async (_what, args, message) => {
    const run = await runAsl(args, FILES);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('fills in placeholders with --sub, and says how when they are missing', async () => {
    const greet = JSON.stringify({ StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: '${GreetArn}', End: true } } });
    const missing = await runAsl(['graph', 'greet.json'], { 'greet.json': greet });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('asl: hint: give the values with --sub NAME=VALUE');
    const given = await runAsl(['graph', 'greet.json', '--sub', 'GreetArn=arn:aws:lambda:us-east-1:123456789012:function:greet'], { 'greet.json': greet });
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('n1["Greet<br/>Task: lambda greet"]');
  });

  it('draws the state machine of a SAM template with --template', async () => {
    const dir = 'test/fixtures/templates';
    const files = {
      [`${dir}/sam-template.yaml`]: readFileSync(`${dir}/sam-template.yaml`, 'utf8'),
      [`${dir}/statemachine/order.asl.json`]: readFileSync(`${dir}/statemachine/order.asl.json`, 'utf8'),
    };
    const run = await runAsl(['graph', '--template', `${dir}/sam-template.yaml`], files);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('["ProcessOrder<br/>Task: lambda process-order-dev"]');
    expect(run.stdout).toContain('["Record<br/>Pass"]');
  });

  it('lists its options in its help', async () => {
    const run = await runAsl(['graph', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--format <format>', '"mermaid", "dot"', '--out <file>', '--sub <NAME=VALUE>', '--template <file>', '--state-machine <id>']) {
      expect(run.stdout).toContain(option);
    }
  });
});
