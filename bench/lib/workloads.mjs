// The benchmark workloads: each one is an ASL definition, an input (built on demand by makeInput),
// a reference implementation in plain JavaScript (which gives the expected output and the
// speed/memory floor), and the number of state transitions one execution makes. gen-workloads.mjs writes them to bench/workloads/*.json.
//
// Transition counting (the same for every engine): one per state entered. A Map or Parallel state
// counts once for itself plus once per state entered in its iterations or branches.

const DOUBLE_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Double';

/** A Choice + Pass counting loop from 0 to `limit`: 2 transitions per lap, plus the last Check and Done. */
function choiceLoop(limit) {
  return {
    definition: {
      Comment: `Choice + Pass counting loop to ${limit}`,
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.counter', NumericLessThanPath: '$.limit', Next: 'Increment' }],
          Default: 'Done',
        },
        Increment: {
          Type: 'Pass',
          Parameters: { 'counter.$': 'States.MathAdd($.counter, 1)', 'limit.$': '$.limit' },
          Next: 'Check',
        },
        Done: { Type: 'Succeed' },
      },
    },
    makeInput: () => ({ counter: 0, limit }),
    reference: (input) => {
      let doc = input;
      while (doc.counter < doc.limit) doc = { counter: doc.counter + 1, limit: doc.limit };
      return doc;
    },
    transitions: 2 * limit + 2,
  };
}

/** `n` Pass states in a row, each building an object with Parameters and merging it with ResultPath. */
function passChain(n) {
  const name = (i) => `Step${String(i).padStart(4, '0')}`;
  const States = {};
  for (let i = 0; i < n; i++) {
    States[name(i)] = {
      Type: 'Pass',
      Parameters: { 'prev.$': '$.acc.step', step: i + 1, 'tag.$': '$.meta.tag', 'firstItem.$': '$.data[0]' },
      ResultPath: '$.acc',
      ...(i + 1 < n ? { Next: name(i + 1) } : { End: true }),
    };
  }
  return {
    definition: { Comment: `${n} Pass states with Parameters and ResultPath`, StartAt: name(0), States },
    makeInput: () => ({
      acc: { step: 0 },
      meta: { tag: 'bench', owner: 'someone', flags: { a: true, b: false } },
      data: Array.from({ length: 20 }, (_, i) => ({ i, s: `item-${i}` })),
    }),
    reference: (input) => {
      let doc = input;
      for (let i = 0; i < n; i++) {
        doc = { ...doc, acc: { prev: doc.acc.step, step: i + 1, tag: doc.meta.tag, firstItem: doc.data[0] } };
      }
      return doc;
    },
    transitions: n,
  };
}

const mapInput = (n) => ({ items: Array.from({ length: n }, (_, i) => ({ id: i, name: `n${i}` })) });

/** An inline Map over `n` items (unbounded concurrency) whose iterator is `iterator` (one state). */
function mapOf(n, comment, iterator) {
  return {
    Comment: comment,
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 0,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Each', States: { Each: { ...iterator, End: true } } },
        End: true,
      },
    },
  };
}

function mapPass(n) {
  return {
    definition: mapOf(n, `Inline Map over ${n} items, Pass iterator`, {
      Type: 'Pass',
      Parameters: { 'id.$': '$.id', 'label.$': "States.Format('item-{}', $.name)" },
    }),
    makeInput: () => mapInput(n),
    reference: (input) => input.items.map((it) => ({ id: it.id, label: `item-${it.name}` })),
    transitions: n + 1,
  };
}

/** mapPass as a Distributed Map: each item a child execution of `executionType` (issue 14's "beside the inline one"). */
function distributedMapPass(n, executionType) {
  const inline = mapPass(n);
  const fan = inline.definition.States.Fan;
  const definition = {
    ...inline.definition,
    Comment: `Distributed Map over ${n} items, ${executionType} child executions, Pass iterator`,
    States: { Fan: { ...fan, ItemProcessor: { ...fan.ItemProcessor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType } } } },
  };
  return { ...inline, definition };
}

function mapTask(n) {
  return {
    definition: mapOf(n, `Inline Map over ${n} items, Task iterator calling a local handler`, { Type: 'Task', Resource: DOUBLE_ARN }),
    makeInput: () => mapInput(n),
    tasks: { [DOUBLE_ARN]: 'double' },
    reference: async (input, tasks) => Promise.all(input.items.map((it) => tasks[DOUBLE_ARN](it))),
    transitions: n + 1,
  };
}

function parallel(n) {
  return {
    definition: {
      Comment: `Parallel with ${n} single-Pass branches`,
      StartAt: 'Fork',
      States: {
        Fork: {
          Type: 'Parallel',
          Branches: Array.from({ length: n }, (_, b) => ({
            StartAt: `Branch${b}`,
            States: { [`Branch${b}`]: { Type: 'Pass', Parameters: { branch: b, 'x.$': '$.x' }, End: true } },
          })),
          End: true,
        },
      },
    },
    makeInput: () => ({ x: 42 }),
    reference: (input) => Array.from({ length: n }, (_, b) => ({ branch: b, x: input.x })),
    transitions: n + 1,
  };
}

function trivial() {
  return {
    definition: { StartAt: 'Only', States: { Only: { Type: 'Pass', Result: { ok: true }, End: true } } },
    makeInput: () => ({ hello: 'world' }),
    reference: () => ({ ok: true }),
    transitions: 1,
  };
}

const ACCOUNT = 'arn:aws:sns:us-east-1:123456789012';

const SERVICE_SEED = {
  dynamodb: { tables: [{ TableName: 'orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }] },
  sqs: { queues: [{ QueueName: 'orders' }] },
  sns: { topics: [{ Name: 'orders' }] },
};

/**
 * An inline Map over `n` orders, each writing DynamoDB, reading it back, queueing to SQS and
 * notifying SNS (`kinds` picks which: 'dynamodb' for Put + Get, 'messaging' for Queue + Notify).
 * `world` is the seed the engine creates its world from (or, with `backend: 'aws'`, the resources
 * it creates on the emulators); engines without service support skip it. `calls` counts the
 * service calls of one execution per class, for the calls/s columns.
 */
function mapServices(n, kinds = ['dynamodb', 'messaging']) {
  const key = { id: { 'S.$': "States.Format('order-{}', $.id)" } };
  const task = (resource, Parameters, extra) => ({ Type: 'Task', Resource: `arn:aws:states:::${resource}`, Parameters, ResultPath: null, ...extra });
  const steps = [];
  if (kinds.includes('dynamodb')) {
    steps.push(['Put', task('dynamodb:putItem', { TableName: 'orders', Item: { ...key, name: { 'S.$': '$.name' } } })]);
    steps.push(['Get', task('dynamodb:getItem', { TableName: 'orders', Key: key }, { ResultSelector: { 'name.$': '$.Item.name.S' }, ResultPath: '$.stored' })]);
  }
  if (kinds.includes('messaging')) {
    steps.push(['Queue', task('sqs:sendMessage', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', 'MessageBody.$': '$' })]);
    steps.push(['Notify', task('sns:publish', { TopicArn: `${ACCOUNT}:orders`, 'Message.$': '$' })]);
  }
  const States = {};
  steps.forEach(([name, state], i) => {
    States[name] = i + 1 < steps.length ? { ...state, Next: steps[i + 1][0] } : { ...state, End: true };
  });
  const what = steps.map(([, s]) => s.Resource.slice('arn:aws:states:::'.length)).join(', ');
  const readsBack = kinds.includes('dynamodb');
  return {
    definition: {
      Comment: `Inline Map over ${n} items: ${what} per item`,
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 0,
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: steps[0][0], States },
          End: true,
        },
      },
    },
    makeInput: () => mapInput(n),
    world: {
      ...(readsBack ? { dynamodb: SERVICE_SEED.dynamodb } : {}),
      ...(kinds.includes('messaging') ? { sqs: SERVICE_SEED.sqs, sns: SERVICE_SEED.sns } : {}),
    },
    calls: { dynamodb: readsBack ? 2 * n : 0, snsSqs: kinds.includes('messaging') ? 2 * n : 0 },
    reference: (input) => input.items.map((it) => (readsBack ? { ...it, stored: { name: it.name } } : it)),
    transitions: steps.length * n + 1,
  };
}

// asl-engine options beyond the bench defaults (see engines/asl-engine.mjs). JSON has no Infinity,
// so "Infinity" is spelled as a string here and turned back into a number by the adapter.
const NO_PAYLOAD_LIMIT = { payloadLimitBytes: 'Infinity' };

/**
 * Every workload. `table`: shown in the main table; `scaling`: part of `--scaling`;
 * `repeat`: executions per timed sample (for workloads too short to time one at a time);
 * `services`: calls AWS services on the local backend (`world` seeds it), so the peer sits it out;
 * `backend: 'aws'`: the same through the aws backend against emulators on loopback (bench/lib/emulators.mjs);
 * `warmup`: untimed executions before the samples (default 1): the local service workloads take 3,
 * as their first executions still run V8's baseline code for the world and dynalite;
 * `durable: 'sqlite'`: run through openEngine on a fresh SQLite file (a Standard machine whose
 * events and snapshots are committed as it goes), beside the in-memory workload `inMemory` names;
 * the peer has no durable mode, so it sits these out.
 */
export const WORKLOADS = [
  { name: 'a-choice-loop', what: '10,002 transitions of a Choice + Pass counter loop', table: true, repeat: 1, ...choiceLoop(5000) },
  { name: 'b-pass-chain-1000', what: '1,000 Pass states with Parameters / ResultPath', table: true, repeat: 10, ...passChain(1000) },
  {
    name: 'b-pass-chain-1000-durable', what: 'b-pass-chain-1000 through openEngine on a SQLite file (Standard, whole history committed)',
    table: true, durable: 'sqlite', inMemory: 'b-pass-chain-1000', repeat: 10, ...passChain(1000),
  },
  { name: 'c-map-10k-pass', what: 'inline Map over 10,000 items, Pass iterator', table: true, scaling: true, repeat: 1, ...mapPass(10_000) },
  { name: 'c-dmap-10k-pass', what: 'c-map-10k-pass as a Distributed Map: 10,000 STANDARD child executions', table: true, distributed: true, repeat: 1, ...distributedMapPass(10_000, 'STANDARD') },
  { name: 'd-parallel-50', what: 'Parallel with 50 single-Pass branches', table: true, repeat: 100, ...parallel(50) },
  { name: 'e-map-10k-task', what: 'inline Map over 10,000 items calling a local Task handler', table: true, repeat: 1, ...mapTask(10_000) },
  {
    name: 'e-map-10k-task-durable', what: 'e-map-10k-task through openEngine on a SQLite file (Standard, whole history committed)',
    table: true, durable: 'sqlite', inMemory: 'e-map-10k-task', repeat: 1, ...mapTask(10_000),
  },
  { name: 'f-cli-trivial', what: 'CLI cold start on a one-state machine (wall clock)', table: true, cli: true, repeat: 1, ...trivial() },
  { name: 'g-express-loop-1m', what: 'Express Choice + Pass loop, 1,000,000 transitions, no history', table: true, scaling: true, repeat: 1, ...choiceLoop(499_999) },
  { name: 'i-map-1k-services', what: 'inline Map over 1,000 items, 4 local service calls each (DynamoDB, SQS, SNS)', table: true, services: true, repeat: 1, warmup: 3, ...mapServices(1000) },
  { name: 'i-map-1k-sns-sqs', what: 'the same Map with only its SQS and SNS calls (2,000 per run), local backend', table: true, services: true, repeat: 1, warmup: 3, ...mapServices(1000, ['messaging']) },
  { name: 'i-map-1k-dynamodb', what: 'the same Map with only its DynamoDB calls (2,000 per run), local backend', table: true, services: true, repeat: 1, warmup: 3, ...mapServices(1000, ['dynamodb']) },
  {
    name: 'i-map-1k-services-aws', what: 'i-map-1k-services on the aws backend: AWS SDK v3 over loopback HTTP to dynalite and fauxqs started by the bench',
    table: true, services: true, backend: 'aws', repeat: 1, ...mapServices(1000),
  },
  { name: 'i-map-1k-sns-sqs-aws', what: 'i-map-1k-sns-sqs on the aws backend against fauxqs', table: true, services: true, backend: 'aws', repeat: 1, ...mapServices(1000, ['messaging']) },
  { name: 'i-map-1k-dynamodb-aws', what: 'i-map-1k-dynamodb on the aws backend against dynalite', table: true, services: true, backend: 'aws', repeat: 1, ...mapServices(1000, ['dynamodb']) },
  { name: 'h-map-100k-pass', what: 'inline Map over 100,000 items, Pass iterator', table: true, scaling: true, repeat: 1, options: NO_PAYLOAD_LIMIT, ...mapPass(100_000) },
  { name: 'x-express-loop-100k', what: 'Express Choice + Pass loop, 100,000 transitions (scaling only)', scaling: true, repeat: 1, ...choiceLoop(49_999) },
];
