/* global AbortController */
// The emulators the aws-backend workloads run against, started by the bench on 127.0.0.1 and a
// port the OS picks: dynalite's HTTP server (DynamoDB) and fauxqs (SQS and SNS on one endpoint),
// both from the project's own dependencies. The aws backend reaches them through the AWS SDK v3
// over loopback HTTP, so the figures include signing, marshalling and the HTTP round trip.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Emulators accept any signature; the SDK only needs something to sign with. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIDBENCHBENCH', secretAccessKey: 'bench-secret' };
export const EMULATOR_REGION = 'us-east-1';

/** Starts both; `stop()` closes them (and every open connection). */
export async function startEmulators() {
  const dynalite = require('dynalite');
  const { buildApp } = await import('fauxqs');
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const fauxqs = buildApp({ logger: false });
  // Not fauxqs's startFauxqs(): that one listens on every interface.
  const sqsSns = await fauxqs.listen({ port: 0, host: '127.0.0.1' });
  return {
    dynamodb: `http://127.0.0.1:${dynamo.address().port}`,
    sqsSns,
    async stop() {
      dynamo.closeAllConnections();
      await Promise.all([new Promise((resolve) => dynamo.close(() => resolve())), fauxqs.close()]);
    },
  };
}

/**
 * Creates a workload's `world` seed (tables, queues, topics: the shapes of a local-world seed) on
 * the emulators through the aws backend itself, and returns the local names' emulator spellings:
 * the queue URL and topic ARN the machine must use there (fauxqs has its own account and host).
 */
export async function createSeedResources(backend, seed, { region, accountId }) {
  const signal = new AbortController().signal;
  const call = (service, action, input) => backend.call({ service, action, input, signal });
  const renames = new Map();
  for (const table of seed.dynamodb?.tables ?? []) {
    await call('dynamodb', 'CreateTable', { BillingMode: 'PAY_PER_REQUEST', ...table });
  }
  for (const queue of seed.sqs?.queues ?? []) {
    const { QueueUrl } = await call('sqs', 'CreateQueue', { QueueName: queue.QueueName });
    renames.set(`https://sqs.${region}.amazonaws.com/${accountId}/${queue.QueueName}`, QueueUrl);
  }
  for (const topic of seed.sns?.topics ?? []) {
    const { TopicArn } = await call('sns', 'CreateTopic', { Name: topic.Name });
    renames.set(`arn:aws:sns:${region}:${accountId}:${topic.Name}`, TopicArn);
  }
  return renames;
}

/** The definition with each local resource name replaced by its emulator spelling. */
export function renameResources(definition, renames) {
  let text = JSON.stringify(definition);
  for (const [local, remote] of renames) text = text.split(local).join(remote);
  return JSON.parse(text);
}
