// EXPRESS executions the way AWS runs them for StartExecution and StartSyncExecution: in memory
// only. AWS keeps no history of them (DescribeExecution and GetExecutionHistory refuse their ARNs)
// and never resumes them, so neither does the engine: nothing is stored, and an express execution
// still running when the engine closes is let go.
import type { JsonValue } from '../core/json.js';
import { LiveTable } from '../core/live-table.js';
import type { Execution, ExecutionResult, StateMachine } from '../runtime/types.js';

/** How an express execution ended, with its stop date on the engine's clock. */
export interface ExpressOutcome {
  readonly result: ExecutionResult;
  /** Epoch ms. */
  readonly stopDate: number;
}

export interface ExpressExecution {
  /** `arn:aws:states:<region>:<account>:express:<machine>:<name>:<uuid>`. */
  readonly arn: string;
  readonly name: string;
  readonly machineArn: string;
  /** Epoch ms. */
  readonly startDate: number;
  readonly input: JsonValue;
  /** Settles once the execution ends (SUSPENDED when the engine closed first). */
  readonly outcome: Promise<ExpressOutcome>;
}

/** The express executions one engine runs now. */
export class ExpressRuns {
  /**
   * By a number of their own (an ARN may repeat: two express runs with one name on a fixed seed);
   * a LiveTable, not a Set: executions come and go all the time (live-table.ts says why).
   */
  private readonly running = new LiveTable<Execution>();
  private started = 0;

  constructor(
    /** The engine's clock, for stop dates. */
    private readonly now: () => number,
  ) {}

  start(machine: StateMachine, machineArn: string, input: JsonValue, name: string): ExpressExecution {
    const execution = machine.start(input, { name });
    const key = `#${this.started++}`;
    this.running.set(key, execution);
    const outcome = execution.result.then(
      (result) => {
        this.running.delete(key);
        return { result, stopDate: this.now() };
      },
      (error: unknown) => {
        this.running.delete(key);
        throw error;
      },
    );
    // StartExecution does not wait for it; a rejection (a bug) must not go unhandled there.
    outcome.catch(() => undefined);
    return { arn: execution.arn, name: execution.name, machineArn, startDate: execution.startDate, input, outcome };
  }

  /** Lets go of every running express execution (their outcome is SUSPENDED) and waits for them to settle. */
  async close(): Promise<void> {
    const executions = this.running.values();
    for (const execution of executions) execution.suspend();
    await Promise.allSettled(executions.map((execution) => execution.result));
  }
}
