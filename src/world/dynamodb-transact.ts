// TransactWriteItems and TransactGetItems, which dynalite lacks, built from its parts: each entry
// is validated (expressions parsed) by dynalite as the matching single-item action, every condition
// is checked before anything is written, and a write that still fails rolls the earlier ones back.
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { DynamoDbService } from './dynamodb.js';

const KINDS: Readonly<Record<string, string>> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'DeleteItem' };

interface Entry {
  readonly kind: string;
  readonly request: JsonObject;
  readonly tableName: string;
  readonly key: JsonObject;
  readonly existing: JsonObject | undefined;
}

const validation = (message: string): ServiceError => new ServiceError('dynamodb', 'ValidationException', message);

function transactItems(input: JsonObject): JsonValue[] {
  const items = input.TransactItems;
  if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
    throw validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100 and greater than or equal to 1");
  }
  return items;
}

function keyOf(service: DynamoDbService, tableName: string, source: JsonObject): JsonObject {
  const table = service.table(tableName);
  if (!table) throw new ServiceError('dynamodb', 'ResourceNotFoundException', 'Requested resource not found');
  const key: JsonObject = {};
  const schema = Array.isArray(table.KeySchema) ? table.KeySchema : [];
  for (const part of schema) {
    const name = isJsonObject(part) && typeof part.AttributeName === 'string' ? part.AttributeName : '';
    const value = source[name];
    if (value === undefined) throw validation('The provided key element does not match the schema');
    key[name] = value;
  }
  return key;
}

function readEntry(service: DynamoDbService, raw: JsonValue, seen: Set<string>): Entry {
  const kinds = isJsonObject(raw) ? Object.keys(raw).filter((kind) => kind in KINDS) : [];
  if (!isJsonObject(raw) || kinds.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0] as string;
  const request = raw[kind];
  if (!isJsonObject(request) || typeof request.TableName !== 'string') throw validation(`${kind} must name a TableName`);
  if (kind === 'ConditionCheck' && typeof request.ConditionExpression !== 'string') throw validation('ConditionCheck requires a ConditionExpression');
  const source = kind === 'Put' ? request.Item : request.Key;
  if (!isJsonObject(source)) throw validation(`${kind} needs ${kind === 'Put' ? 'an Item' : 'a Key'}`);
  const key = keyOf(service, request.TableName, source);
  const identity = `${request.TableName}\u0000${JSON.stringify(key)}`;
  if (seen.has(identity)) throw validation('Transaction request cannot include multiple operations on one item');
  seen.add(identity);
  const found = service.callSync('GetItem', { TableName: request.TableName, Key: key, ConsistentRead: true }).Item;
  return { kind, request, tableName: request.TableName, key, existing: isJsonObject(found) ? found : undefined };
}

function cancelled(reasons: readonly JsonObject[]): ServiceError {
  const codes = reasons.map((reason) => String(reason.Code)).join(', ');
  return new ServiceError('dynamodb', 'TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`);
}

export function transactWriteItems(service: DynamoDbService, input: JsonObject): JsonObject {
  const seen = new Set<string>();
  const entries = transactItems(input).map((raw) => readEntry(service, raw, seen));
  const reasons: JsonObject[] = entries.map((entry) => {
    const data = service.validated(KINDS[entry.kind] as string, entry.request);
    const failure = service.checkCondition(data, entry.existing);
    return failure ? { Code: 'ConditionalCheckFailed', Message: failure.message } : { Code: 'None' };
  });
  if (reasons.some((reason) => reason.Code !== 'None')) throw cancelled(reasons);
  const applied: Entry[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.kind === 'ConditionCheck') continue;
    try {
      service.callSync(KINDS[entry.kind] as string, entry.request);
      applied.push(entry);
    } catch (error) {
      for (const done of applied.reverse()) {
        if (done.existing) service.callSync('PutItem', { TableName: done.tableName, Item: done.existing });
        else service.callSync('DeleteItem', { TableName: done.tableName, Key: done.key });
      }
      const message = error instanceof Error ? error.message : String(error);
      throw cancelled(entries.map((_, i) => (i === index ? { Code: 'ValidationError', Message: message } : { Code: 'None' })));
    }
  }
  return {};
}

export function transactGetItems(service: DynamoDbService, input: JsonObject): JsonObject {
  const responses = transactItems(input).map((raw) => {
    const get = isJsonObject(raw) ? raw.Get : undefined;
    if (!isJsonObject(get)) throw validation('TransactGetItems entries must be Get requests');
    const { Item } = service.callSync('GetItem', get);
    return Item === undefined ? {} : { Item };
  });
  return { Responses: responses };
}
