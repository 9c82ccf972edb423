// Task tokens and activities over the API: SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat,
// CreateActivity / DescribeActivity / ListActivities / DeleteActivity and GetActivityTask (a long
// poll of up to 60 s, as AWS's), in the field names and error codes of AWS's API reference.
import type { JsonObject, JsonValue } from '../core/json.js';
import { TaskTokenError, tokenExecution } from '../runtime/callbacks.js';
import type { Engine } from '../service/engine.js';
import { checkTagCount, readTags } from './machine-settings.js';
import { ApiError, checkArn, checkLength, checkName, decodeOffset, encodeOffset, epochSeconds, optionalString, pageSize, requiredString, type Operation } from './wire.js';

/** AWS's limits on the members of the token calls, in characters. */
const MAX_TOKEN = 2048;
const MAX_OUTPUT = 256 * 1024;
const MAX_ERROR = 256;
const MAX_CAUSE = 32_768;
/** How long GetActivityTask waits for a task before answering with none. */
const LONG_POLL_MS = 60_000;

export interface CallbackOperationOptions {
  /** GetActivityTask's long poll, in ms (tests shorten it). */
  readonly longPollMs?: number;
  /** Aborts every long poll (the server closes). */
  readonly signal?: AbortSignal;
}

export function callbackOperations(engine: Engine, options: CallbackOperationOptions = {}): Record<string, Operation> {
  const token = (body: JsonObject): string => {
    const value = requiredString(body, 'taskToken');
    checkLength(value, 'taskToken', 1, MAX_TOKEN);
    return value;
  };
  const answered = async (work: () => Promise<void>): Promise<JsonObject> => {
    try {
      await work();
    } catch (error) {
      if (error instanceof TaskTokenError) throw new ApiError(error.code, error.message);
      throw error;
    }
    return {};
  };
  const activity = (body: JsonObject): string => {
    const arn = requiredString(body, 'activityArn');
    checkArn(arn, 'activity');
    return arn;
  };

  return {
    SendTaskSuccess(body) {
      const taskToken = token(body);
      // AWS checks the token before the output (recorded: a bad token with a non-JSON output is InvalidToken).
      if (tokenExecution(taskToken) === undefined) throw new ApiError('InvalidToken', "Invalid Token: 'Invalid token'");
      const text = requiredString(body, 'output');
      checkLength(text, 'output', 0, MAX_OUTPUT, true);
      let output: JsonValue;
      try {
        output = JSON.parse(text) as JsonValue;
      } catch (error) {
        throw new ApiError('InvalidOutput', `Invalid Output: '${error instanceof Error ? error.message : String(error)}'`);
      }
      return answered(() => engine.sendTaskSuccess(taskToken, output));
    },
    SendTaskFailure(body) {
      const error = optionalString(body, 'error');
      const cause = optionalString(body, 'cause');
      if (error !== undefined) checkLength(error, 'error', 0, MAX_ERROR, true);
      if (cause !== undefined) checkLength(cause, 'cause', 0, MAX_CAUSE, true);
      return answered(() => engine.sendTaskFailure(token(body), error, cause));
    },
    SendTaskHeartbeat(body) {
      return answered(() => engine.sendTaskHeartbeat(token(body)));
    },
    async CreateActivity(body) {
      const name = requiredString(body, 'name');
      checkName(name);
      const tags = readTags(body) ?? [];
      checkTagCount(tags, name);
      const created = await engine.callbacks.createActivity(name, tags);
      return { activityArn: created.arn, creationDate: epochSeconds(created.createdAt) };
    },
    DescribeActivity(body) {
      const found = engine.callbacks.describeActivity(activity(body));
      if (found === undefined) throw new ApiError('ActivityDoesNotExist', `Activity Does Not Exist: '${String(body['activityArn'])}'`);
      return Promise.resolve({ activityArn: found.arn, name: found.name, creationDate: epochSeconds(found.createdAt) });
    },
    ListActivities(body) {
      const all = engine.callbacks.listActivities();
      const size = pageSize(body);
      const offset = decodeOffset(optionalString(body, 'nextToken'));
      const page = all.slice(offset, offset + size);
      return Promise.resolve({
        activities: page.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: epochSeconds(a.createdAt) })),
        ...(offset + size < all.length ? { nextToken: encodeOffset(offset + size) } : {}),
      });
    },
    async DeleteActivity(body) {
      await engine.callbacks.deleteActivity(activity(body));
      return {};
    },
    async GetActivityTask(body) {
      const arn = activity(body);
      const workerName = optionalString(body, 'workerName');
      if (workerName !== undefined) checkLength(workerName, 'workerName', 1, 80);
      try {
        const task = await engine.callbacks.getActivityTask(arn, {
          ...(workerName === undefined ? {} : { workerName }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          waitMs: options.longPollMs ?? LONG_POLL_MS,
        });
        // No task in time: AWS answers with neither member.
        return task === undefined ? {} : { taskToken: task.taskToken, input: task.input };
      } catch (error) {
        if (error instanceof TaskTokenError) throw new ApiError(error.code, error.message);
        throw error;
      }
    },
  };
}
