// A run as text a person can follow: the input, each state entered and each Task answer injected
// with its virtual time, and how the execution ended. Counterexamples are printed this way.
import type { JsonValue } from '../core/json.js';
import type { TraceStep } from './fault-player.js';
import type { MachineRun } from './harness.js';

const MAX_VALUE_CHARS = 120;

export function formatRun(run: MachineRun): string {
  const lines = [`input: ${short(run.input)}`, 'trace:'];
  for (const step of run.trace) lines.push(`  ${`+${step.atMs}ms`.padEnd(10)} ${describeStep(step)}`);
  lines.push(`result: ${describeResult(run)}`);
  return lines.join('\n');
}

function describeStep(step: TraceStep): string {
  if (step.kind === 'enter') return `enter ${step.state} (${step.stateType})`;
  const { outcome } = step;
  const delay = outcome.delayMs > 0 ? ` after ${outcome.delayMs}ms` : '';
  const answer = outcome.kind === 'throw' ? `throws ${outcome.error}` : `returns ${short(outcome.value)}`;
  return `${step.state} invocation #${step.invocation} ${answer}${delay}`;
}

function describeResult(run: MachineRun): string {
  const result = run.result;
  if (result.status === 'SUCCEEDED') return `SUCCEEDED with ${short(result.output)}`;
  return `${result.status} with ${result.error ?? '(no error)'}${result.cause === undefined ? '' : `: ${result.cause}`}`;
}

function short(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
