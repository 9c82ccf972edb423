// GetExecutionHistory's pages, read from the store one page at a time (the store reads only the
// chunks a page needs, never the whole history). Event ids run 1..n without gaps, so a page token
// is the id the next page continues from: forwards "after id k", in reverse "before id k" (read as
// the forward range just below k, then turned round).
import { toAwsHistoryEvent, type HistoryEvent } from '../core/events.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import { ApiError, epochSeconds } from './wire.js';

/**
 * Detail members that carry execution data, left out when includeExecutionData is false: the
 * payloads AWS's model marks as sensitive data (input, output, a task's parameters, assigned
 * variables) with their *Details companions. Errors and causes stay.
 */
const DATA_FIELDS = new Set(['input', 'inputDetails', 'output', 'outputDetails', 'parameters', 'parametersDetails', 'assignedVariables', 'assignedVariablesDetails']);

export interface HistoryRequest {
  readonly reverse: boolean;
  readonly includeData: boolean;
  readonly limit: number;
  readonly nextToken?: string;
}

export interface HistoryPage {
  readonly events: JsonObject[];
  readonly nextToken?: string;
}

/** One page, or undefined when the store holds no such execution. */
export async function historyPage(engine: Engine, arn: string, request: HistoryRequest): Promise<HistoryPage | undefined> {
  const { reverse, limit } = request;
  const from = request.nextToken === undefined ? undefined : decodeToken(request.nextToken, reverse);
  // One event more than the page tells whether another page follows.
  let events: readonly HistoryEvent[];
  if (!reverse) events = await engine.history(arn, { afterId: from ?? 0, limit: limit + 1 });
  else if (from === undefined) events = await engine.history(arn, { reverse: true, limit: limit + 1 });
  else {
    const count = Math.min(limit + 1, from - 1);
    events = count <= 0 ? [] : [...(await engine.history(arn, { afterId: from - 1 - count, limit: count }))].reverse();
  }
  // Every execution has at least ExecutionStarted: an empty page is past the end, or no execution.
  if (events.length === 0 && (await engine.describe(arn)) === undefined) return undefined;
  const page = events.slice(0, limit);
  const last = page[page.length - 1];
  const wire = page.map((event) => wireEvent(toAwsHistoryEvent(event), request.includeData));
  return events.length > limit && last !== undefined ? { events: wire, nextToken: encodeToken(last.id, reverse) } : { events: wire };
}

function encodeToken(id: number, reverse: boolean): string {
  return Buffer.from(JSON.stringify(reverse ? { before: id } : { after: id })).toString('base64url');
}

/** The id a token continues from; InvalidToken for anything else, including a token of the other direction. */
function decodeToken(token: string, reverse: boolean): number {
  let parsed: JsonValue = null;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as JsonValue;
  } catch {
    // Falls through to the InvalidToken below.
  }
  const id = isJsonObject(parsed) ? parsed[reverse ? 'before' : 'after'] : undefined;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
}

/** An AWS history event on the wire: epoch-seconds timestamp, payloads dropped on request. */
function wireEvent(event: JsonObject, includeData: boolean): JsonObject {
  const timestamp = event['timestamp'];
  const out: JsonObject = { ...event, timestamp: typeof timestamp === 'string' ? epochSeconds(Date.parse(timestamp)) : (timestamp ?? 0) };
  if (includeData) return out;
  for (const [key, value] of Object.entries(out)) {
    if (!key.endsWith('EventDetails') || !isJsonObject(value)) continue;
    const details: JsonObject = {};
    for (const [field, member] of Object.entries(value)) if (!DATA_FIELDS.has(field)) details[field] = member;
    out[key] = details;
  }
  return out;
}
