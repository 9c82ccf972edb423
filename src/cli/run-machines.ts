// `asl run --machine NAME=FILE`: the other state machines a run's Tasks may start
// (`states:startExecution[.sync|.sync:2|.waitForTaskToken]`, `aws-sdk:sfn:startExecution`), by the
// ARN AWS would give them: arn:aws:states:REGION:123456789012:stateMachine:NAME. Each file is read
// and parsed before the run; the machines are checked when the run first starts one.
import { InvalidArgumentError } from 'commander';
import { type JsonValue, parseDefinition } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderProblem } from './render.js';
import type { Loaded } from './run-sources.js';

export interface MachineSpec {
  readonly name: string;
  readonly path: string;
  /** The option value as given, for messages. */
  readonly text: string;
}

/** AWS's rule for state machine names: 1-80 characters, no whitespace, brackets, wildcards or punctuation it reserves. */
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/;

export function parseMachineSpec(text: string): MachineSpec {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq).trim();
  const path = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (!NAME.test(name) || path === '') throw new InvalidArgumentError('Expected NAME=FILE, e.g. Child=./child.asl.json (NAME: the state machine name in its ARN).');
  return { name, path, text };
}

/** The machines by ARN, as StateMachineOptions.stateMachines takes them. */
export async function loadMachines(specs: readonly MachineSpec[], region: string | undefined, io: Io, json: boolean): Promise<Loaded<Record<string, JsonValue>>> {
  const machines: Record<string, JsonValue> = {};
  for (const spec of specs) {
    let text: string;
    try {
      text = await io.readFile(spec.path);
    } catch (err) {
      return { ok: false, message: renderProblem(spec.path, `cannot read --machine ${spec.text}: ${describeError(err)}`, json) };
    }
    const parsed = parseDefinition(text, { fileName: spec.path });
    const error = parsed.diagnostics.find((d) => d.severity === 'ERROR');
    if (parsed.value === undefined || error !== undefined) {
      return { ok: false, message: renderProblem(spec.path, `--machine ${spec.name}: ${error?.message ?? 'not a definition'}`, json) };
    }
    machines[`arn:aws:states:${region ?? 'us-east-1'}:123456789012:stateMachine:${spec.name}`] = parsed.value;
  }
  return { ok: true, value: machines };
}
