// The aws backend's streamed S3 GetObject (ServiceBackend.callStreaming) against a real S3-speaking
// server on loopback (fauxqs), through the AWS SDK v3 client: the body arrives as the SDK's stream,
// never read whole by the backend, and a Range starts it further on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyStreamOf } from '../../../src/core/body-stream.js';
import type { JsonObject } from '../../../src/core/json.js';
import { type AwsBackend, createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { ServiceError, responseMetadata } from '../../../src/integrations/backend.js';
import { type Emulators, startEmulators, TEST_CREDENTIALS, TEST_REGION } from '../../support/emulators.js';
import { rejectionOf } from '../../support/rejection.js';

let emulators: Emulators;
let aws: AwsBackend;
const signal = new AbortController().signal;
const lines = Array.from({ length: 5000 }, (_, n) => JSON.stringify({ n })).join('\n');

beforeAll(async () => {
  emulators = await startEmulators();
  aws = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { s3: emulators.sqsSns }, maxAttempts: 1 });
  await aws.call({ service: 's3', action: 'CreateBucket', input: { Bucket: 'streams' }, signal });
  await aws.call({ service: 's3', action: 'PutObject', input: { Bucket: 'streams', Key: 'items.jsonl', Body: lines }, signal });
});

afterAll(async () => {
  await emulators.stop();
});

async function text(response: JsonObject): Promise<{ text: string; chunks: number }> {
  const stream = bodyStreamOf(response);
  if (stream === undefined) throw new Error('the response carries no body stream');
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return { text: Buffer.concat(parts).toString('utf8'), chunks: parts.length };
}

describe('the aws backend streaming S3 GetObject', () => {
  it('hands over the SDK body as a stream, the rest of the response as JSON', async () => {
    const response = await aws.callStreaming({ service: 's3', action: 'GetObject', input: { Bucket: 'streams', Key: 'items.jsonl' }, signal });
    expect(response['Body']).toBeUndefined();
    expect(response['ContentLength']).toBe(Buffer.byteLength(lines));
    expect(responseMetadata(response)?.httpStatusCode).toBe(200);
    expect((await text(response)).text).toBe(lines);
  });

  it('starts at the byte a Range names', async () => {
    const response = await aws.callStreaming({ service: 's3', action: 'GetObject', input: { Bucket: 'streams', Key: 'items.jsonl', Range: 'bytes=10-' }, signal });
    expect((await text(response)).text).toBe(lines.slice(10));
  });

  it('answers any other call as `call` does, and a missing key as S3’s error', async () => {
    const listed = await aws.callStreaming({ service: 's3', action: 'ListObjectsV2', input: { Bucket: 'streams' }, signal });
    expect((listed['Contents'] as JsonObject[]).map((object) => object['Key'])).toEqual(['items.jsonl']);
    const missing = await rejectionOf(aws.callStreaming({ service: 's3', action: 'GetObject', input: { Bucket: 'streams', Key: 'nope' }, signal }), ServiceError);
    expect(missing).toMatchObject({ code: 'NoSuchKey', statusCode: 404 });
  });
});
