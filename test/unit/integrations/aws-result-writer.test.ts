// A Distributed Map whose items and results go through the aws backend to a real S3-speaking server
// on loopback (fauxqs), through the AWS SDK v3 client: the reader streams GetObject, and the
// ResultWriter's records go out as an S3 multipart upload (5 MiB parts, S3's minimum, which fauxqs
// enforces) and a PutObject for the manifest, in the layout AWS uses.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { type AwsBackend, createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { useResultLimits } from '../../../src/states/map-results.js';
import { type Emulators, startEmulators, TEST_CREDENTIALS, TEST_REGION } from '../../support/emulators.js';

let emulators: Emulators;
let aws: AwsBackend;
const signal = new AbortController().signal;
const PAD = 450_000;

beforeAll(async () => {
  emulators = await startEmulators();
  aws = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { s3: emulators.sqsSns }, maxAttempts: 1 });
  for (const Bucket of ['in', 'out']) await aws.call({ service: 's3', action: 'CreateBucket', input: { Bucket }, signal });
  // Fourteen items of 450 KB: the results pass S3's 5 MiB minimum part size, so their file takes two parts.
  const lines = Array.from({ length: 14 }, (_, n) => JSON.stringify({ n, pad: String(n % 10).repeat(PAD) })).join('\n');
  await aws.call({ service: 's3', action: 'PutObject', input: { Bucket: 'in', Key: 'items.jsonl', Body: lines }, signal });
});

afterAll(async () => {
  await emulators.stop();
});

afterEach(() => useResultLimits());

async function read(key: string): Promise<string> {
  const response = await aws.call({ service: 's3', action: 'GetObject', input: { Bucket: 'out', Key: key }, signal });
  return String(response['Body']);
}

const definition: JsonValue = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      Label: 'Each',
      ToleratedFailureCount: 10,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'in', Key: 'items.jsonl' } },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 7, Next: 'Bad' }], Default: 'Double' },
          Bad: { Type: 'Fail', Error: 'Item.Seven', Cause: 'seven' },
          Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)', 'pad.$': '$.pad' }, End: true },
        },
      },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' }, WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' } },
      End: true,
    },
  },
};

describe('a Distributed Map on the aws backend (fauxqs S3)', () => {
  it('reads the items from S3 and writes the results back as a multipart upload, with the manifest', async () => {
    // S3's own part size (5 MiB), files split at 8 MiB: one file of a full part and a last one.
    useResultLimits({ maxFileBytes: 8 * 1024 * 1024, partBytes: 5 * 1024 * 1024 });
    const machine = createStateMachine(definition, { services: 'aws', awsBackend: aws, clock: new VirtualClock({ autoAdvance: true }), payloadLimitBytes: Infinity });
    const result = await machine.start({}).result;
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'SUCCEEDED' });
    const details = (result as unknown as { output: { ResultWriterDetails: { Bucket: string; Key: string } } }).output.ResultWriterDetails;
    expect(details.Bucket).toBe('out');
    const manifest = JSON.parse(await read(details.Key)) as { ResultFiles: Record<string, Array<{ Key: string; Size: number }>> };
    const succeeded = manifest.ResultFiles['SUCCEEDED'] ?? [];
    // 13 records of 450 KB: one file of more than 5 MiB, read back whole.
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]?.Size).toBeGreaterThan(5 * 1024 * 1024);
    const lines: JsonObject[] = [];
    for (const file of succeeded) {
      const text = await read(file.Key);
      expect(Buffer.byteLength(text)).toBe(file.Size);
      for (const line of text.split('\n').filter((l) => l !== '')) lines.push(JSON.parse(line) as JsonObject);
    }
    expect(lines.map((line) => line['twice'])).toEqual(Array.from({ length: 14 }, (_, n) => n).filter((n) => n !== 7).map((n) => 2 * n));
    expect(lines.every((line) => typeof line['pad'] === 'string' && line['pad'].length === PAD)).toBe(true);
    const failed = manifest.ResultFiles['FAILED'] ?? [];
    expect(failed).toHaveLength(1);
    expect(await read(failed[0]?.Key ?? '')).toContain('Item.Seven');
  });
});
