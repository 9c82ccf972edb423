// linkSignal must not leave callbacks on the parent once children are disposed (a 10,000-item Map).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignal, pendingAbortCallbacks } from '../../../src/core/abort.js';

describe('linkSignal', () => {
  it('propagates the parent abort reason to children', () => {
    const parent = new AbortController();
    const child = linkSignal(parent.signal);
    parent.abort('why');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('why');
  });

  it('leaves nothing waiting on the parent after 10,000 children are disposed', () => {
    const parent = new AbortController();
    for (let i = 0; i < 10_000; i++) linkSignal(parent.signal).dispose();
    // One fan-out listener per signal, whatever the number of children.
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    expect(pendingAbortCallbacks(parent.signal)).toBe(0);
    const late = linkSignal(parent.signal);
    parent.abort('stop');
    expect(late.signal.reason).toBe('stop');
  });

  it('aborting a child does not abort the parent', () => {
    const parent = new AbortController();
    const child = linkSignal(parent.signal);
    child.abort('only me');
    expect(parent.signal.aborted).toBe(false);
    child.dispose();
  });
});
