import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../../src/index.js';
import { NO_VALUE, TemplateResolver } from '../../../../src/definition/template/intrinsics.js';
import { TemplateError } from '../../../../src/definition/template/parse.js';

const TEMPLATE: JsonObject = {
  Parameters: {
    Env: { Type: 'String', Default: 'dev' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a, b' },
    Secret: { Type: 'String' },
  },
  Mappings: { Sizes: { dev: { Memory: 128 }, prod: { Memory: 1024 } } },
  Conditions: {
    IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
    IsNotDev: { 'Fn::Not': [{ Condition: 'IsDev' }] },
    Both: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Or': [true, { Condition: 'IsNotDev' }] }] },
  },
  Resources: {
    Fn: { Type: 'AWS::Serverless::Function', Properties: { FunctionName: { 'Fn::Sub': 'fn-${Env}' } } },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' } },
    Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
    Act: { Type: 'AWS::StepFunctions::Activity', Properties: { Name: 'approve' } },
    Data: { Type: 'AWS::S3::Bucket' },
    Loop: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: { Ref: 'Loop' } } },
    Clicks: { Type: 'AWS::Kinesis::Stream' },
  },
};

function resolver(parameters: Record<string, string> = {}): TemplateResolver {
  return new TemplateResolver(TEMPLATE, { env: { region: 'us-east-1', accountId: '123456789012', partition: 'aws' }, stackName: 'stack', parameters });
}

describe('TemplateResolver', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ['Ref of a parameter', { Ref: 'Env' }, 'dev'],
    ['Ref of a list parameter', { Ref: 'Zones' }, ['a', 'b']],
    ['Ref of a function (its name)', { Ref: 'Fn' }, 'fn-dev'],
    ['GetAtt of a function', { 'Fn::GetAtt': ['Fn', 'Arn'] }, 'arn:aws:lambda:us-east-1:123456789012:function:fn-dev'],
    ['GetAtt in dotted form', { 'Fn::GetAtt': 'Bus.Arn' }, 'arn:aws:events:us-east-1:123456789012:event-bus/orders'],
    ['Ref of a state machine (its ARN)', { Ref: 'Flow' }, 'arn:aws:states:us-east-1:123456789012:stateMachine:Flow'],
    ['Ref of an activity (its ARN)', { Ref: 'Act' }, 'arn:aws:states:us-east-1:123456789012:activity:approve'],
    ['GetAtt of a bucket', { 'Fn::GetAtt': ['Data', 'Arn'] }, 'arn:aws:s3:::data'],
    ['a name that refers to its own resource', { Ref: 'Loop' }, 'Loop'],
    ['pseudo parameters', { 'Fn::Sub': '${AWS::Partition}:${AWS::Region}:${AWS::AccountId}:${AWS::StackName}:${AWS::URLSuffix}' }, 'aws:us-east-1:123456789012:stack:amazonaws.com'],
    ['Sub with variables and an escape', { 'Fn::Sub': ['${X}-${!Keep}-${Fn.Arn}', { X: { Ref: 'Env' } }] }, 'dev-${Keep}-arn:aws:lambda:us-east-1:123456789012:function:fn-dev'],
    ['Join', { 'Fn::Join': ['/', ['a', { Ref: 'Env' }, 3]] }, 'a/dev/3'],
    ['Select of Split', { 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] }, 'y'],
    ['FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }, 128],
    ['Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
    ['GetAZs', { 'Fn::GetAZs': '' }, ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['ToJsonString', { 'Fn::ToJsonString': { a: { Ref: 'Env' } } }, '{"a":"dev"}'],
    ['Length', { 'Fn::Length': [1, 2, 3] }, 3],
    ['If on a condition', { 'Fn::If': ['IsDev', 'small', 'big'] }, 'small'],
    ['If on Not', { 'Fn::If': ['IsNotDev', 'small', 'big'] }, 'big'],
    ['If on And/Or', { 'Fn::If': ['Both', 'yes', 'no'] }, 'yes'],
    ['NoValue dropped from objects and lists', { a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] }, { b: [1] }],
    ['an object with several keys is not a function call', { Ref: 'Env', Other: 1 }, { Ref: 'Env', Other: 1 }],
  ])('%s', (_what, input, expected) => {
    expect(resolver().resolve(input)).toEqual(expected);
  });

  it('gives AWS::NoValue itself as NO_VALUE', () => {
    expect(resolver().resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('takes parameter values given by the caller over Defaults, and for parameters without one', () => {
    expect(resolver({ Env: 'prod', Secret: 's3cr3t' }).resolve({ 'Fn::Join': ['-', [{ Ref: 'Env' }, { Ref: 'Secret' }]] })).toBe('prod-s3cr3t');
  });

  it('guesses for a resource type it does not model, and says so in its notes', () => {
    const r = resolver();
    expect(r.resolve({ 'Fn::GetAtt': ['Clicks', 'Arn'] })).toBe('arn:aws:kinesis:us-east-1:123456789012:Clicks');
    expect(r.notes).toEqual(['Fn::GetAtt Clicks.Arn (AWS::Kinesis::Stream) stands for "arn:aws:kinesis:us-east-1:123456789012:Clicks", a local guess']);
  });

  it.each<[string, JsonValue, RegExp]>([
    ['an unknown attribute', { 'Fn::GetAtt': ['Fn', 'Nope'] }, /has no attribute "Nope"/],
    ['an undefined condition', { 'Fn::If': ['Nope', 1, 2] }, /Condition "Nope" is not defined/],
    ['a missing mapping', { 'Fn::FindInMap': ['Sizes', 'qa', 'Memory'] }, /Mappings has no Sizes\.qa\.Memory/],
    ['Select out of range', { 'Fn::Select': [5, ['a']] }, /outside the list/],
    ['a function it cannot evaluate', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, /not supported locally/],
    ['a Join of a non-list', { 'Fn::Join': ['', 'abc'] }, /needs a list/],
  ])('throws a TemplateError for %s', (_what, input, message) => {
    expect(() => resolver().resolve(input)).toThrow(TemplateError);
    expect(() => resolver().resolve(input)).toThrow(message);
  });
});
