// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat as the local Step Functions backends answer
// them (aws-sdk:sfn tasks: a child answering the token its parent passed it): through whoever holds
// the waiting tasks — a machine's CallbackHub, or the engine, which answers once the commit holds it.
import type { JsonObject, JsonValue } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import { TaskTokenError, tokenExecution } from './callbacks.js';
import { optionalText, requiredText } from './sfn-describe.js';

export const TOKEN_ACTIONS: ReadonlySet<string> = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);

/** Who answers the tasks waiting for their tokens. */
export interface TokenAnswers {
  sendTaskSuccess(token: string, output: JsonValue): void | Promise<void>;
  sendTaskFailure(token: string, error?: string, cause?: string): void | Promise<void>;
  sendTaskHeartbeat(token: string): void | Promise<void>;
}

/** One token call; the API's errors (InvalidToken, TaskDoesNotExist, TaskTimedOut, InvalidOutput) as ServiceErrors. */
export async function answerToken(action: string, input: JsonObject, answers: TokenAnswers | undefined): Promise<JsonObject> {
  const token = requiredText(input, 'taskToken');
  // The token is checked before the output (recorded: a bad token with a non-JSON output is InvalidToken).
  if (answers === undefined || tokenExecution(token) === undefined) throw new ServiceError('sfn', 'InvalidToken', "Invalid Token: 'Invalid token'");
  try {
    if (action === 'SendTaskHeartbeat') await answers.sendTaskHeartbeat(token);
    else if (action === 'SendTaskFailure') await answers.sendTaskFailure(token, optionalText(input, 'Error'), optionalText(input, 'Cause'));
    else await answers.sendTaskSuccess(token, taskOutput(requiredText(input, 'output')));
  } catch (error) {
    if (error instanceof TaskTokenError) throw new ServiceError('sfn', error.code, error.message);
    throw error;
  }
  return {};
}

function taskOutput(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new ServiceError('sfn', 'InvalidOutput', `Invalid Output: '${err instanceof Error ? err.message : String(err)}'`);
  }
}
