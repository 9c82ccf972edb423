// What a path reads during one visit of a thread (thread.ts): the input, $$ (built on first read),
// the thread's random stream and variables.
import { shapeAnchors } from '../core/shape-anchors.js';
import type { JsonValue } from '../core/json.js';
import type { Random } from '../core/random.js';
import type { DataContext } from '../paths/evaluate-types.js';
import type { MapItem, Thread } from './thread.js';

/**
 * The data a path reads during one visit. A class rather than an object literal with a getter:
 * it is built on every state transition, and the context object ($$) is only built when read.
 */
export class VisitData implements DataContext {
  constructor(
    readonly input: JsonValue,
    private readonly visit: Thread,
    private readonly mapItem: MapItem | undefined,
  ) {
    shapeAnchors.data = this;
  }

  get random(): Random {
    return this.visit.random;
  }

  get context(): JsonValue {
    return this.visit.contextObject(this.mapItem);
  }

  variable(name: string): JsonValue | undefined {
    return this.visit.variable(name);
  }
}
