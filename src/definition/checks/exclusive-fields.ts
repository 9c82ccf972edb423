// VALIDATION.md check 10: fields that exclude each other, and Wait's "exactly one duration".
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

/** Pairs (or groups) of which at most one may be present, per state type. */
const AT_MOST_ONE: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  Task: [
    ['TimeoutSeconds', 'TimeoutSecondsPath'],
    ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
    ['Parameters', 'Arguments'],
  ],
  Fail: [
    ['Error', 'ErrorPath'],
    ['Cause', 'CausePath'],
  ],
  Pass: [['Result', 'Parameters']],
  Parallel: [['Parameters', 'Arguments']],
  Map: [
    ['ItemProcessor', 'Iterator'],
    ['ItemSelector', 'Parameters'],
    ['MaxConcurrency', 'MaxConcurrencyPath'],
    ['ToleratedFailureCount', 'ToleratedFailureCountPath'],
    ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
    ['Items', 'ItemsPath'],
  ],
  Wait: [['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']],
};

export function checkExclusiveFields(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Fields are counted before the list is built: filter would allocate for every state.
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    // Own keys only: a Type such as "constructor" must not find Object.prototype's member.
    const groups = node.type !== undefined && Object.hasOwn(AT_MOST_ONE, node.type) ? AT_MOST_ONE[node.type] : undefined;
    for (const group of groups ?? []) {
      if (countPresent(node, group) < 2) continue;
      const present = group.filter((field) => node.raw[field] !== undefined);
      if (present.length > 1) {
        out.push(
          error(
            'SCHEMA_VALIDATION_FAILED',
            `${node.pointer}/${present[1] ?? ''}`,
            `State "${node.name}" sets ${present.join(' and ')}, which exclude each other; keep only one.`,
          ),
        );
      }
    }
    if (node.type === 'Wait' && !['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].some((f) => node.raw[f] !== undefined)) {
      out.push(
        error(
          'SCHEMA_VALIDATION_FAILED',
          node.pointer,
          `Wait state "${node.name}" needs exactly one of Seconds, SecondsPath, Timestamp or TimestampPath.`,
        ),
      );
    }
    if (node.type === 'Map' && node.raw['ItemProcessor'] === undefined && node.raw['Iterator'] === undefined) {
      out.push(error('SCHEMA_VALIDATION_FAILED', node.pointer, `Map state "${node.name}": These fields are required: [ItemProcessor]`));
    }
  }
  return out;
}

function countPresent(node: StateNode, fields: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < fields.length; i++) if (node.raw[fields[i] as string] !== undefined) count++;
  return count;
}
