import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAsl } from '../support/fake-io.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('asl (program)', () => {
  it('prints help with the commands and the exit-code table on stdout', async () => {
    const run = await runAsl(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatchInlineSnapshot(`
      "Usage: asl [options] [command]

      Run and validate Amazon States Language (AWS Step Functions) state machines locally.

      Options:
        -V, --version                 print the asl-engine version
        -h, --help                    show help

      Commands:
        run [options] [definition]    run a state machine locally and print its output
        validate [options] [file...]  check state machine definitions (JSON or YAML) the way AWS Step
                                      Functions does
        graph [options] [definition]  draw a state machine as a Mermaid flowchart or a Graphviz DOT graph
        test-state [options]          test one state offline, as AWS's TestState API does
        test [options] [files...]     run *.asl.test.json|yaml test files (default: all under this folder)
        resume [options] [execution]  go on with the executions an \`asl run --store\` left unfinished
                                      (killed, crashed or Ctrl-C)
        executions [options]          list the executions of a store (\`asl run --store\`), newest first,
                                      with their status
        serve [options]               serve the Step Functions API (AWS JSON 1.0) locally, for the AWS SDK
                                      and CLI (--endpoint-url)
        help [command]                display help for command

      Exit codes:
        0  succeeded (the execution SUCCEEDED; every definition valid, warnings allowed)
        1  the execution FAILED, TIMED_OUT or was ABORTED
        2  a definition is invalid
        3  usage or I/O error
      "
    `);
  });

  it('shows the exit-code table in command help too', async () => {
    const run = await runAsl(['validate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: asl validate [options] [file...]');
    expect(run.stdout).toContain('--type <type>');
    expect(run.stdout).toContain('2  a definition is invalid');
  });

  it('shows every asl run option in its help', async () => {
    const run = await runAsl(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: asl run [options] [definition]');
    for (const option of ['--input <file>', '--input-json <json>', '--lambda <spec>', '--fast', '--mode <mode>', '--seed <n>', '--payload-limit <size>', '--max-transitions <n>', '--history <file>', '--trace', '--json', '--sub <NAME=VALUE>', '--template <file>', '--state-machine <id>']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('1  the execution FAILED, TIMED_OUT or was ABORTED');
  });

  it('prints the package version', async () => {
    expect(await runAsl(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([
    ['an unknown option', ['validate', '--bogus', 'x.json'], "unknown option '--bogus'"],
    ['no files', ['validate'], "missing required argument 'file'"],
    ['a bad --type', ['validate', '--type', 'LOCAL', 'x.json'], "argument 'LOCAL' is invalid"],
    ['an unknown command', ['frobnicate'], "unknown command 'frobnicate'"],
  ])('exits 3 with a message on stderr (nothing on stdout) for %s', async (_what, args, message) => {
    const run = await runAsl(args, { 'x.json': '{}' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('asl --help');
  });

  it('exits 3 and prints help on stderr when no command is given', async () => {
    const run = await runAsl([]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: asl');
  });
});
