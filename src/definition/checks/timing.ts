// ASL.md §7.2 and §7.4: HeartbeatSeconds below TimeoutSeconds, and static Wait timestamps that
// AWS can parse (RFC 3339 with an offset).
import { isRfc3339 } from '../../core/timestamp.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

export function checkTiming(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    const timeout = node.raw['TimeoutSeconds'];
    const heartbeat = node.raw['HeartbeatSeconds'];
    if (node.type === 'Task' && typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
      out.push(
        error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/HeartbeatSeconds`, `HeartbeatSeconds (${heartbeat}) of "${node.name}" must be smaller than TimeoutSeconds (${timeout}).`),
      );
    }
    const timestamp = node.raw['Timestamp'];
    const isExpression = typeof timestamp === 'string' && node.queryLanguage === 'JSONata' && timestamp.startsWith('{%');
    if (node.type === 'Wait' && typeof timestamp === 'string' && !isExpression && !isRfc3339(timestamp)) {
      out.push(
        error(
          'SCHEMA_VALIDATION_FAILED',
          `${node.pointer}/Timestamp`,
          `Timestamp "${timestamp}" of "${node.name}" is not an RFC 3339 timestamp; write it like "2026-03-14T01:59:00Z" (uppercase T and an offset are required).`,
        ),
      );
    }
  }
  return out;
}
