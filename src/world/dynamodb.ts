// Local Amazon DynamoDB: dynalite's own action and validation modules run in-process on a Map
// store (dynalite-store.ts), so the condition, update, key-condition and projection expression
// languages, the validation messages and the error codes are dynalite's, i.e. DynamoDB's.
import { createRequire } from 'node:module';
import type { JsonObject } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { LocalService, WorldContext } from './context.js';
import { unsupportedAction } from './context.js';
import { copyJson } from './input.js';
import type { Lock } from './dynalite-store.js';
import { DynaliteMemoryStore } from './dynalite-store.js';
import { transactGetItems, transactWriteItems } from './dynamodb-transact.js';

type DynaliteCallback = (error: unknown, result?: unknown) => void;
type DynaliteAction = (store: DynaliteMemoryStore, data: JsonObject, callback: DynaliteCallback) => void;
interface DynaliteValidation {
  readonly types: unknown;
  readonly custom?: unknown;
}
interface DynaliteValidations {
  checkTypes(data: JsonObject, types: unknown): JsonObject;
  checkValidations(data: JsonObject, types: unknown, custom: unknown, store: DynaliteMemoryStore): void;
}
export interface DynaliteDb {
  checkConditional(data: JsonObject, existing: unknown): unknown;
}

/** The operations dynalite implements (its index.js `validOperations`). */
const DYNALITE_ACTIONS = [
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable', 'DescribeTimeToLive',
  'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
];

interface Dynalite {
  readonly validations: DynaliteValidations;
  readonly db: DynaliteDb;
  readonly newLock: () => Lock;
  readonly action: (name: string) => { run: DynaliteAction; validation: DynaliteValidation };
}

let loaded: Dynalite | undefined;

/** Loads dynalite on first use: runs without DynamoDB tasks never pay for it. */
function dynalite(): Dynalite {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const base = require.resolve('dynalite');
  const fromDynalite = createRequire(base);
  const actions = new Map<string, { run: DynaliteAction; validation: DynaliteValidation }>();
  const lockModule = fromDynalite('lock') as { Lock: () => Lock };
  loaded = {
    validations: fromDynalite('./validations/index.js') as DynaliteValidations,
    db: fromDynalite('./db/index.js') as DynaliteDb,
    newLock: () => lockModule.Lock(),
    action: (name) => {
      let entry = actions.get(name);
      if (!entry) {
        const file = name.charAt(0).toLowerCase() + name.slice(1);
        entry = { run: fromDynalite(`./actions/${file}.js`) as DynaliteAction, validation: fromDynalite(`./validations/${file}.js`) as DynaliteValidation };
        actions.set(name, entry);
      }
      return entry;
    },
  };
  return loaded;
}

/** A dynalite error ({statusCode, body: {__type: '...#Code', message}}) as a ServiceError. */
function toServiceError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { statusCode, body } = error as Error & { statusCode?: number; body?: unknown };
  if (statusCode === undefined || !isJsonObject(body)) return error;
  const type = typeof body.__type === 'string' ? body.__type : 'InternalServerError';
  const message = body.message ?? body.Message;
  return new ServiceError('dynamodb', type.slice(type.indexOf('#') + 1), typeof message === 'string' ? message : '', statusCode);
}

export class DynamoDbService implements LocalService {
  private storeInstance: DynaliteMemoryStore | undefined;

  constructor(private readonly context: WorldContext) {}

  get store(): DynaliteMemoryStore {
    this.storeInstance ??= new DynaliteMemoryStore(this.context.region, this.context.accountId, dynalite().newLock, (table) => {
      // The local world creates tables at its own clock's time, with ids from its seeded stream.
      const created = this.context.clock.now() / 1000;
      table.CreationDateTime = created;
      table.TableId = this.context.uuid();
      const billing = table.BillingModeSummary;
      if (isJsonObject(billing)) billing.LastUpdateToPayPerRequestDateTime = created;
      const indexes = table.GlobalSecondaryIndexes;
      if (Array.isArray(indexes)) for (const index of indexes) if (isJsonObject(index)) index.IndexStatus = 'ACTIVE';
    });
    return this.storeInstance;
  }

  /** On the Map store every action completes before start() returns: then the answer is handed back as is. */
  call(action: string, input: JsonObject): JsonObject | Promise<JsonObject> {
    let settled = false;
    let failure: unknown;
    let output: JsonObject = {};
    let later: { resolve: (result: JsonObject) => void; reject: (error: unknown) => void } | undefined;
    this.start(action, input, (error, result) => {
      settled = true;
      failure = error;
      output = result as JsonObject;
      if (later && error) later.reject(error);
      else if (later) later.resolve(output);
    });
    if (!settled) return new Promise((resolve, reject) => (later = { resolve, reject }));
    if (failure) throw failure;
    return output;
  }

  /** For seeding: every action on the Map store completes before it returns. */
  callSync(action: string, input: JsonObject): JsonObject {
    let settled = false;
    let failure: unknown;
    let output: JsonObject = {};
    this.start(action, input, (error, result) => {
      settled = true;
      failure = error;
      output = result as JsonObject;
    });
    if (!settled) throw new Error(`dynalite's ${action} did not complete synchronously`);
    if (failure) throw failure;
    return output;
  }

  /** Validates like dynalite's HTTP handler, runs the action, and hands back a copy of its answer. */
  start(action: string, input: JsonObject, done: (error: unknown, result?: JsonObject) => void): void {
    if (action === 'TransactWriteItems') return settle(() => transactWriteItems(this, input), done);
    if (action === 'TransactGetItems') return settle(() => transactGetItems(this, input), done);
    if (!DYNALITE_ACTIONS.includes(action)) return done(unsupportedAction('dynamodb', action));
    const { validations } = dynalite();
    const { run, validation } = dynalite().action(action);
    let data: JsonObject;
    try {
      data = validations.checkTypes(copyJson(input), validation.types);
      validations.checkValidations(data, validation.types, validation.custom, this.store);
    } catch (error) {
      return done(toServiceError(error));
    }
    run(this.store, data, (error, result) => {
      if (error) return done(toServiceError(error));
      done(null, isJsonObject(result) ? copyJson(result) : {});
    });
  }

  /** Parsed request for `action`, as dynalite's validation leaves it (expressions compiled). */
  validated(action: string, input: JsonObject): JsonObject {
    const { validations } = dynalite();
    const { validation } = dynalite().action(action);
    try {
      const data = validations.checkTypes(copyJson(input), validation.types);
      validations.checkValidations(data, validation.types, validation.custom, this.store);
      return data;
    } catch (error) {
      throw toServiceError(error);
    }
  }

  checkCondition(data: JsonObject, existing: unknown): ServiceError | undefined {
    const failure = dynalite().db.checkConditional(data, existing);
    return failure ? (toServiceError(failure) as ServiceError) : undefined;
  }

  tableNames(): string[] {
    return this.storeInstance ? this.storeInstance.tableNames() : [];
  }

  table(name: string): JsonObject | undefined {
    return this.storeInstance?.tableDb.entries.get(name) as JsonObject | undefined;
  }

  /** The items of a table in storage (Scan) order, DynamoDB JSON, copied. */
  items(name: string): JsonObject[] {
    const db = this.store.getItemDb(name);
    return db.range().map((key) => copyJson(db.entries.get(key) as JsonObject));
  }
}

function settle(work: () => JsonObject, done: (error: unknown, result?: JsonObject) => void): void {
  let result: JsonObject;
  try {
    result = work();
  } catch (error) {
    return done(error);
  }
  done(null, result);
}
