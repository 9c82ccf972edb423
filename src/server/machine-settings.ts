// Request members of the machine operations beyond name and definition, read with AWS's rules:
// tags (50 a resource, key 1-128 and value 0-256 characters of letters, digits, white space and
// `_.:/=+-@`), loggingConfiguration (one destination, and one whenever the level is not OFF) and
// tracingConfiguration.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { ResourceTag } from '../store/types.js';
import { ApiError, checkLength } from './wire.js';

export const MAX_TAGS = 50;
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/** The `tags` member ([{ key, value }]); undefined when absent. */
export function readTags(body: JsonObject, field = 'tags'): ResourceTag[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw notA(field, 'list');
  return value.map((tag, index) => {
    const where = `${field}.${index + 1}.member`;
    if (!isJsonObject(tag)) throw notA(where, 'structure');
    const key = tagText(tag['key'], `${where}.key`, 1, 128);
    return { key, value: tagText(tag['value'] ?? '', `${where}.value`, 0, 256) };
  });
}

/** UntagResource's `tagKeys`. */
export function readTagKeys(body: JsonObject): string[] {
  const value = body['tagKeys'];
  if (value === undefined || value === null) throw missing('tagKeys');
  if (!Array.isArray(value)) throw notA('tagKeys', 'list');
  return value.map((key, index) => tagText(key, `tagKeys.${index + 1}.member`, 1, 128));
}

/** `tags` merged into `current`: a key given again takes the new value in its old place. */
export function mergeTags(current: readonly ResourceTag[], added: readonly ResourceTag[]): ResourceTag[] {
  const merged = new Map(current.map((tag) => [tag.key, tag.value]));
  for (const tag of added) merged.set(tag.key, tag.value);
  return [...merged].map(([key, value]) => ({ key, value }));
}

export function checkTagCount(tags: readonly ResourceTag[], resourceArn: string): void {
  if (tags.length > MAX_TAGS) {
    throw new ApiError('TooManyTags', `Too many tags: the resource would have ${tags.length}; the limit is ${MAX_TAGS}.`, 400, { resourceName: resourceArn });
  }
}

export function tagList(tags: readonly ResourceTag[]): JsonValue[] {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

/** loggingConfiguration with AWS's defaults filled in (level OFF, includeExecutionData false); undefined when absent. */
export function readLogging(body: JsonObject): JsonObject | undefined {
  const value = body['loggingConfiguration'];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw notA('loggingConfiguration', 'structure');
  const level = value['level'] ?? 'OFF';
  if (typeof level !== 'string' || !LOG_LEVELS.includes(level)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${String(level)}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [${LOG_LEVELS.join(', ')}]`);
  }
  const includeExecutionData = value['includeExecutionData'] ?? false;
  if (typeof includeExecutionData !== 'boolean') throw notA('loggingConfiguration.includeExecutionData', 'boolean');
  const destinations = value['destinations'] ?? [];
  if (!Array.isArray(destinations)) throw notA('loggingConfiguration.destinations', 'list');
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length === 0)) {
    throw new ApiError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  const out: JsonObject = { level, includeExecutionData };
  if (destinations.length > 0) out['destinations'] = destinations;
  return out;
}

/** tracingConfiguration ({ enabled: boolean }); undefined when absent. */
export function readTracing(body: JsonObject): JsonObject | undefined {
  const value = body['tracingConfiguration'];
  if (value === undefined || value === null) return undefined;
  const enabled = isJsonObject(value) ? (value['enabled'] ?? false) : undefined;
  if (typeof enabled !== 'boolean') throw new ApiError('InvalidTracingConfiguration', "Invalid Tracing Configuration: 'enabled' must be true or false.");
  return { enabled };
}

function tagText(value: JsonValue | undefined, where: string, min: number, max: number): string {
  if (value === undefined || value === null) throw missing(where);
  if (typeof value !== 'string') throw notA(where, 'string');
  checkLength(value, where, min, max);
  if (!TAG_PATTERN.test(value)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${value}' at '${where}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$`);
  }
  return value;
}

function missing(field: string): ApiError {
  return new ApiError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
}

function notA(field: string, kind: string): ApiError {
  return new ApiError('ValidationException', `Value at '${field}' must be a ${kind}.`);
}
