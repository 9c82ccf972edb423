// The one switch on state type (ARCHITECTURE.md habit 1): adding a state type fails to compile
// until it is handled here.
import type { JsonValue } from '../core/json.js';
import type { CompiledState } from '../definition/compiled.js';
import { runChoice } from '../states/choice.js';
import type { StateContext, StepResult } from '../states/context.js';
import { runFail } from '../states/fail.js';
import { runMap } from '../states/map.js';
import { runParallel } from '../states/parallel.js';
import { runPass } from '../states/pass.js';
import { runSucceed } from '../states/succeed.js';
import { runTask } from '../states/task.js';
import { runWait } from '../states/wait.js';

export function dispatch(state: CompiledState, input: JsonValue, ctx: StateContext): StepResult | Promise<StepResult> {
  switch (state.type) {
    case 'Pass':
      return runPass(state, input);
    case 'Task':
      return runTask(state, input, ctx);
    case 'Choice':
      return runChoice(state, input, ctx);
    case 'Wait':
      return runWait(state, input, ctx);
    case 'Succeed':
      return runSucceed(input);
    case 'Fail':
      return runFail(state, input, ctx);
    case 'Parallel':
      return runParallel(state, input, ctx);
    case 'Map':
      return runMap(state, input, ctx);
    default:
      return assertNever(state);
  }
}

function assertNever(state: never): never {
  throw new Error(`unhandled state type: ${JSON.stringify(state)}`);
}
