// `--sub`, `--template` and `--state-machine` on `asl validate` and `asl run`, in process.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAsl } from '../support/fake-io.js';

const DIR = 'test/fixtures/templates';
const fixture = (name: string): string => readFileSync(`${DIR}/${name}`, 'utf8');
/** The fixture templates and the DefinitionUri file they name, as the fake Io's files. */
const FILES: Readonly<Record<string, string>> = {
  [`${DIR}/sam-template.yaml`]: fixture('sam-template.yaml'),
  [`${DIR}/statemachine/order.asl.json`]: fixture('statemachine/order.asl.json'),
  [`${DIR}/cfn-template.json`]: fixture('cfn-template.json'),
  [`${DIR}/two-machines.yaml`]: fixture('two-machines.yaml'),
  'greet.json': '{\n  "StartAt": "Greet",\n  "States": {\n    "Greet": {"Type": "Task", "Resource": "${GreetArn}", "End": true}\n  }\n}\n',
  'data.json': JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { table: '${TableName}' }, End: true } } }),
};
const GREET_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:greet';
const LAMBDA = 'greet=./test/fixtures/lambdas/greet.mjs#greet';

describe('asl validate with placeholders', () => {
  it('accepts an unsubstituted definition with a warning naming the placeholder', async () => {
    const run = await runAsl(['validate', 'greet.json'], FILES);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'greet.json:4:43: warning UNRESOLVED_SUBSTITUTION Unresolved substitution ${GreetArn}: this field is checked once substituted; the machine cannot run until then. (at /States/Greet/Resource)\n' +
        'greet.json: valid (1 warning)\n',
    );
  });

  it('--sub fills it in, and then checks the value', async () => {
    expect(await runAsl(['validate', 'greet.json', '--sub', `GreetArn=${GREET_ARN}`], FILES)).toEqual({ code: 0, stdout: 'greet.json: valid\n', stderr: '' });
    const bad = await runAsl(['validate', 'greet.json', '--sub', 'GreetArn=not-an-arn'], FILES);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('greet.json:4:43: error INVALID_RESOURCE Resource "not-an-arn"');
  });

  it('--template checks the state machine with substitutions resolved to local ARNs, typed as the template says', async () => {
    const run = await runAsl(['validate', '--template', `${DIR}/sam-template.yaml`], FILES);
    expect(run).toEqual({ code: 0, stdout: `${DIR}/statemachine/order.asl.json: valid\n`, stderr: '' });
  });

  it('--template with several state machines wants --state-machine, and lists them', async () => {
    const run = await runAsl(['validate', '--template', `${DIR}/two-machines.yaml`], FILES);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `${DIR}/two-machines.yaml: The template defines 2 state machines (Notifier, Fanout): choose one by its logical id with --state-machine LOGICAL_ID\n`,
    );
    const chosen = await runAsl(['validate', '--template', `${DIR}/two-machines.yaml`, '--state-machine', 'Notifier'], FILES);
    expect(chosen).toEqual({ code: 0, stdout: `${DIR}/two-machines.yaml: valid\n`, stderr: '' });
  });

  it('says which value only AWS knows, and how to give it', async () => {
    const run = await runAsl(['validate', '--template', `${DIR}/two-machines.yaml`, '--state-machine', 'Fanout'], FILES);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("another stack's export is not known locally; give the value with --sub NAME=VALUE instead");
    const given = await runAsl(['validate', '--template', `${DIR}/two-machines.yaml`, '--state-machine', 'Fanout', '--sub', `WorkerArn=${GREET_ARN}`], FILES);
    expect(given.code).toBe(0);
  });

  it.each([
    ['a file and --template', ['validate', 'greet.json', '--template', `${DIR}/cfn-template.json`], 'give either definition files or --template, not both'],
    ['--state-machine alone', ['validate', 'greet.json', '--state-machine', 'X'], '--state-machine: chooses a state machine of a --template'],
    ['a --sub without "="', ['validate', 'greet.json', '--sub', 'GreetArn'], "option '--sub <NAME=VALUE>' argument 'GreetArn' is invalid"],
    ['a missing template', ['validate', '--template', 'nope.yaml'], 'nope.yaml: cannot read: ENOENT'],
    ['a cycle of --sub values', ['validate', 'greet.json', '--sub', 'GreetArn=${A}', '--sub', 'A=${GreetArn}'], 'in a cycle'],
  ])('exits 3 for %s', async (_what, args, message) => {
    const run = await runAsl(args, FILES);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(message);
  });

  it('points at --template when given a template as the definition', async () => {
    const run = await runAsl(['validate', `${DIR}/sam-template.yaml`], FILES);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`asl: hint: ${DIR}/sam-template.yaml looks like a SAM/CloudFormation template; load its state machine with --template ${DIR}/sam-template.yaml\n`);
  });

  it('--type and --mode take standard or express in any case, on both commands', async () => {
    const callback = JSON.stringify({
      StartAt: 'W',
      States: { W: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { 'T.$': '$$.Task.Token' }, End: true } },
    });
    for (const option of ['--type', '--mode']) {
      expect((await runAsl(['validate', 'cb.json', option, 'express'], { 'cb.json': callback })).code).toBe(2);
      expect((await runAsl(['validate', 'cb.json', option, 'Standard'], { 'cb.json': callback })).code).toBe(0);
    }
    expect((await runAsl(['run', 'cb.json', '--type', 'express'], { 'cb.json': callback })).code).toBe(2);
  });
});

describe('asl run with placeholders', () => {
  it('refuses a Resource placeholder, naming it, with a hint', async () => {
    const run = await runAsl(['run', 'greet.json', '--lambda', LAMBDA], FILES);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('greet.json:4:43: error UNRESOLVED_SUBSTITUTION Unresolved substitution ${GreetArn} must be substituted before the machine can run');
    expect(run.stderr).toContain('asl: hint: give the values with --sub NAME=VALUE, or load the state machine with --template FILE\n');
  });

  it('runs once --sub fills it in', async () => {
    const run = await runAsl(['run', 'greet.json', '--lambda', LAMBDA, '--sub', `GreetArn=${GREET_ARN}`, '--input-json', '{"name": "Ada"}'], FILES);
    expect(run).toEqual({ code: 0, stdout: '{\n  "greeting": "Hello, Ada!"\n}\n', stderr: '' });
  });

  it('runs a placeholder in plain data as literal text, warning about it', async () => {
    const run = await runAsl(['run', 'data.json'], FILES);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ table: '${TableName}' });
    expect(run.stderr).toBe('asl: warning: data.json:1:63: unresolved substitution ${TableName} at /States/P/Result/table stays literal text (give --sub TableName=VALUE)\n');
  });

  it('--template runs the CloudFormation state machine against a local function named as the template names it', async () => {
    const run = await runAsl(['run', '--template', `${DIR}/cfn-template.json`, '--lambda', 'GreetFunction=./test/fixtures/lambdas/greet.mjs#greet', '--fast', '--input-json', '{"name": "Bo"}'], FILES);
    expect(run).toEqual({ code: 0, stdout: '{\n  "greeting": "Hello, Bo!",\n  "where": {\n    "bucket": "resultsbucket"\n  }\n}\n', stderr: '' });
  });

  it('--template runs against a local world holding the resources the template declares', async () => {
    const run = await runAsl(['run', '--template', `${DIR}/two-machines.yaml`, '--state-machine', 'Notifier', '--fast', '--input-json', '{"message": "hi"}'], FILES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('MessageId');
  });

  it('--template takes the machine type from the template unless --mode says otherwise', async () => {
    const args = ['run', '--template', `${DIR}/sam-template.yaml`, '--lambda', 'process-order-dev=./test/fixtures/lambdas/greet.mjs#greet', '--json'];
    const express = JSON.parse((await runAsl(args, FILES)).stdout) as { executionArn: string };
    expect(express.executionArn).toContain(':express:');
    const standard = JSON.parse((await runAsl([...args, '--mode', 'standard'], FILES)).stdout) as { executionArn: string };
    expect(standard.executionArn).toContain(':execution:');
  });
});
