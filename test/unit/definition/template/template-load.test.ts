import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadStateMachineFromTemplate, TemplateError, validateDefinition } from '../../../../src/index.js';

const DIR = 'test/fixtures/templates';
const read = (name: string): Promise<string> => readFile(`${DIR}/${name}`, 'utf8');

describe('loadStateMachineFromTemplate: a SAM template with short-form tags and DefinitionUri', () => {
  it('reads the DefinitionUri file next to the template and substitutes local ARNs of the right service', async () => {
    const sm = await loadStateMachineFromTemplate(await read('sam-template.yaml'), {
      fileName: `${DIR}/sam-template.yaml`,
      substitutions: { AlertEmail: 'ops@example.com' },
    });
    expect(sm).toMatchObject({ logicalId: 'OrderStateMachine', type: 'EXPRESS', source: 'DefinitionUri', sourceFile: `${DIR}/statemachine/order.asl.json` });
    expect(sm.definition.value).toMatchObject({
      Comment: 'Orders in us-east-1/123456789012',
      States: {
        ProcessOrder: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:process-order-dev' },
        Record: {
          Parameters: {
            table: 'orders-dev',
            // No TopicName: the logical id names it.
            topic: 'arn:aws:sns:us-east-1:123456789012:AlertsTopic',
            queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/work',
            queueArn: 'arn:aws:sqs:us-east-1:123456789012:work',
          },
        },
      },
    });
    expect(validateDefinition(sm.definition, { type: 'EXPRESS' })).toEqual({ valid: true, diagnostics: [] });
  });

  it('points positions into the DefinitionUri file, not the substituted text', async () => {
    const sm = await loadStateMachineFromTemplate(await read('sam-template.yaml'), { fileName: `${DIR}/sam-template.yaml` });
    expect(sm.definition.locate('/States/Record/Parameters/queueArn')).toEqual({ line: 16, column: 21 });
  });

  it('a caller-given substitution wins over the template and stands in for a Parameter', async () => {
    const sm = await loadStateMachineFromTemplate(await read('sam-template.yaml'), {
      fileName: `${DIR}/sam-template.yaml`,
      substitutions: { Stage: 'test', OrdersTableName: 'my-table' },
    });
    expect(sm.substitutions).toMatchObject({ ProcessOrderFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:process-order-test', OrdersTableName: 'my-table' });
  });

  it('takes the region from a substitution named AWS::Region', async () => {
    const sm = await loadStateMachineFromTemplate(await read('sam-template.yaml'), { fileName: `${DIR}/sam-template.yaml`, substitutions: { 'AWS::Region': 'ap-south-1' } });
    expect(sm.substitutions['WorkQueueUrl']).toBe('https://sqs.ap-south-1.amazonaws.com/123456789012/work');
  });

  it('uses the region and account it is given', async () => {
    const sm = await loadStateMachineFromTemplate(await read('sam-template.yaml'), {
      fileName: `${DIR}/sam-template.yaml`,
      region: 'eu-west-1',
      accountId: '111122223333',
    });
    expect(sm.substitutions['WorkQueueArn']).toBe('arn:aws:sqs:eu-west-1:111122223333:work');
  });
});

describe('loadStateMachineFromTemplate: a CloudFormation JSON template with DefinitionString', () => {
  it('evaluates Fn::Sub (with its own variables and ${!Literal}) and then DefinitionSubstitutions', async () => {
    const sm = await loadStateMachineFromTemplate(await read('cfn-template.json'), { fileName: `${DIR}/cfn-template.json` });
    expect(sm.source).toBe('DefinitionString');
    expect(sm.sourceFile).toBeUndefined();
    expect(sm.type).toBeUndefined();
    expect(sm.definition.value).toMatchObject({
      States: {
        Greet: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:GreetFunction' },
        // Substituted into the text unquoted, so it is a number, as after a real deploy.
        Pause: { Seconds: 5 },
        // S3 bucket names are lower case.
        Done: { Result: { bucket: 'resultsbucket' } },
      },
    });
  });
});

describe('loadStateMachineFromTemplate: a CDK-synthesised template', () => {
  it('joins a DefinitionString built with Fn::Join around Fn::GetAtt and AWS::Partition', async () => {
    const template = JSON.stringify({
      Resources: {
        Handler886CB40B: { Type: 'AWS::Lambda::Function', Properties: {} },
        FlowStateMachine1A2B3C4D: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Join': ['', ['{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke","Parameters":{"FunctionName":"', { 'Fn::GetAtt': ['Handler886CB40B', 'Arn'] }, '","Payload.$":"$"},"End":true}}}']],
            },
          },
        },
      },
    });
    const sm = await loadStateMachineFromTemplate(template, { fileName: 'cdk.out/Stack.template.json' });
    expect(sm).toMatchObject({ logicalId: 'FlowStateMachine1A2B3C4D', source: 'DefinitionString', sourceFile: undefined });
    expect(sm.definition.value).toMatchObject({
      States: { Call: { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Handler886CB40B' } } },
    });
  });
});

describe('loadStateMachineFromTemplate: a YAML DefinitionString block', () => {
  const template = [
    'Resources:',
    '  Fn: {Type: AWS::Lambda::Function}',
    '  M:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    '      DefinitionString: !Sub |',
    '        {',
    '          "StartAt": "Call",',
    '          "States": {"Call": {"Type": "Task", "Resource": "${Fn.Arn}", "Next": "Nowhere"}}',
    '        }',
  ].join('\n');

  it('points positions and diagnostics into the template, where the block\'s lines are', async () => {
    const sm = await loadStateMachineFromTemplate(template, { fileName: 'template.yaml' });
    expect(sm.sourceFile).toBe('template.yaml');
    expect(sm.definition.locate('/StartAt')).toEqual({ line: 8, column: 22 });
    const { diagnostics } = validateDefinition(sm.definition);
    expect(diagnostics).toMatchObject([{ code: 'MISSING_TRANSITION_TARGET', path: '/States/Call/Next', line: 9 }]);
  });
});

describe('loadStateMachineFromTemplate: a template with two state machines', () => {
  it('asks which one, listing them', async () => {
    const text = await read('two-machines.yaml');
    await expect(loadStateMachineFromTemplate(text)).rejects.toThrow(
      new TemplateError('The template defines 2 state machines (Notifier, Fanout): choose one by its logical id'),
    );
    await expect(loadStateMachineFromTemplate(text, { stateMachine: 'Nope' })).rejects.toThrow('has no state machine "Nope": it defines Notifier, Fanout');
  });

  it('resolves intrinsics inside an inline Definition (Ref, Fn::If with AWS::NoValue) and locates into the template', async () => {
    const sm = await loadStateMachineFromTemplate(await read('two-machines.yaml'), { stateMachine: 'Notifier' });
    expect(sm.source).toBe('Definition');
    expect(sm.definition.value).toEqual({
      StartAt: 'Notify',
      States: {
        Notify: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish',
          Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:notifications', 'Message.$': '$.message', Subject: 'Production' },
          End: true,
        },
      },
    });
    expect(sm.definition.locate('/States/Notify/Resource')).toEqual({ line: 33, column: 23 });
  });

  it('drops a member whose Fn::If gives AWS::NoValue', async () => {
    const sm = await loadStateMachineFromTemplate(await read('two-machines.yaml'), { stateMachine: 'Notifier', substitutions: { Env: 'dev' } });
    expect(sm.definition.value).toMatchObject({ States: { Notify: { Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:notifications', 'Message.$': '$.message' } } } });
    expect(JSON.stringify(sm.definition.value)).not.toContain('Subject');
  });

  it('cannot know another stack export, says so, and takes the value from the caller instead', async () => {
    const text = await read('two-machines.yaml');
    await expect(loadStateMachineFromTemplate(text, { stateMachine: 'Fanout' })).rejects.toThrow(/Fn::ImportValue "shared-worker-arn": another stack's export is not known locally/);
    const worker = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
    const sm = await loadStateMachineFromTemplate(text, { stateMachine: 'Fanout', substitutions: { WorkerArn: worker } });
    expect(sm.type).toBe('STANDARD');
    expect(sm.definition.value).toMatchObject({ States: { Each: { MaxConcurrency: 10, ItemProcessor: { States: { Work: { Resource: worker } } } } } });
  });
});

describe('loadStateMachineFromTemplate: templates it cannot use', () => {
  it.each([
    ['not YAML', 'Resources: [a', /not valid JSON or YAML \(line 1, column/],
    ['no Resources', 'AWSTemplateFormatVersion: "2010-09-09"\n', /no "Resources" section/],
    ['no state machine', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n', /defines no state machine/],
    ['a definition in S3', 'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: {Bucket: b, Key: k}\n', /in S3/],
    ['a Ref to nothing', 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Ref Nope\n', /no parameter or resource named "Nope"/],
    ['a parameter without Default', 'Parameters:\n  P: {Type: String}\nResources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Ref P\n', /Parameter "P" has no Default/],
    ['nesting thousands deep', `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nests too deeply|not valid JSON or YAML/],
  ])('throws a TemplateError for %s', async (_what, text, message) => {
    const attempt = loadStateMachineFromTemplate(text);
    await expect(attempt).rejects.toBeInstanceOf(TemplateError);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('loadStateMachineFromTemplate: an inline Definition nested too deeply', () => {
  it('gives the definition a TOO_DEEPLY_NESTED diagnostic instead of a value', async () => {
    const deep = `${'{a: '.repeat(150)}1${'}'.repeat(150)}`;
    const template = `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition: ${deep}\n`;
    const sm = await loadStateMachineFromTemplate(template);
    expect(sm.definition.value).toBeUndefined();
    expect(validateDefinition(sm.definition)).toMatchObject({ valid: false, diagnostics: [{ code: 'TOO_DEEPLY_NESTED' }] });
  });
});
