// Parsers of the `asl run` options that pick backends and endpoints: every bad value is a usage error.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { endpointMap, parseEndpoint, parseRegion, parseServices, servicesOption, usesAws } from '../../src/cli/service-options.js';

describe('--services', () => {
  it.each([
    ['local', { '*': 'local' }, 'local'],
    ['AWS', { '*': 'aws' }, 'aws'],
    ['sqs=aws,sns=local', { sqs: 'aws', sns: 'local' }, { sqs: 'aws', sns: 'local' }],
    ['aws, dynamodb=local', { '*': 'aws', dynamodb: 'local' }, { '*': 'aws', dynamodb: 'local' }],
    [' SQS = aws ', { sqs: 'aws' }, { sqs: 'aws' }],
  ])('%j', (text, choices, option) => {
    expect(parseServices(text, undefined)).toEqual(choices);
    expect(servicesOption(parseServices(text, undefined))).toEqual(option);
  });

  it('adds a repeated option to the earlier choices, the later winning', () => {
    const first = parseServices('aws,sqs=local', undefined);
    expect(parseServices('sqs=aws,sns=local', first)).toEqual({ '*': 'aws', sqs: 'aws', sns: 'local' });
  });

  it('tells whether any service goes to AWS', () => {
    expect(usesAws(parseServices('local,sqs=aws', undefined))).toBe(true);
    expect(usesAws(parseServices('aws,sqs=local', undefined))).toBe(true);
    expect(usesAws(parseServices('sqs=local', undefined))).toBe(false);
    expect(usesAws(undefined)).toBe(false);
  });

  it.each(['', 'remote', 'sqs=cloud', '=aws', 'sqs=', 'Sq$=aws', 'local,,aws'])('rejects %j', (text) => {
    expect(() => parseServices(text, undefined)).toThrow(InvalidArgumentError);
  });
});

describe('--endpoint', () => {
  it('takes SERVICE=URL, the service in lower case', () => {
    expect(parseEndpoint('DynamoDB=http://127.0.0.1:8000')).toEqual({ service: 'dynamodb', url: 'http://127.0.0.1:8000' });
    expect(parseEndpoint('sqs=https://sqs.eu-west-1.amazonaws.com')).toEqual({ service: 'sqs', url: 'https://sqs.eu-west-1.amazonaws.com' });
    expect(parseEndpoint('*=http://localhost:4566')).toEqual({ service: '*', url: 'http://localhost:4566' });
  });

  it.each(['dynamodb', 'http://x', '=http://x', 'sqs=', 'sqs=not a url', 'sqs=ftp://host'])('rejects %j', (text) => {
    expect(() => parseEndpoint(text)).toThrow(InvalidArgumentError);
  });

  it('keeps the last URL given for a service', () => {
    expect(endpointMap([parseEndpoint('sqs=http://a:1'), parseEndpoint('sns=http://b:2'), parseEndpoint('sqs=http://c:3')])).toEqual({ sqs: 'http://c:3', sns: 'http://b:2' });
    expect(endpointMap(undefined)).toEqual({});
  });
});

describe('--region', () => {
  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-3'])('%s', (region) => {
    expect(parseRegion(region)).toBe(region);
  });

  it.each(['', 'useast1', 'US-EAST-1', 'us-east', 'us-east-1; rm -rf'])('rejects %j', (text) => {
    expect(() => parseRegion(text)).toThrow(InvalidArgumentError);
  });
});
