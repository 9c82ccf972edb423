// linkSignal must not leave listeners on the parent once children are disposed (a 10,000-item Map).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignal } from '../../../src/core/abort.js';

describe('linkSignal', () => {
  it('propagates the parent abort reason to children', () => {
    const parent = new AbortController();
    const child = linkSignal(parent.signal);
    parent.abort('why');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('why');
  });

  it('leaves no listener on the parent after 10,000 children are disposed', () => {
    const parent = new AbortController();
    for (let i = 0; i < 10_000; i++) linkSignal(parent.signal).dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('aborting a child does not abort the parent', () => {
    const parent = new AbortController();
    const child = linkSignal(parent.signal);
    child.abort('only me');
    expect(parent.signal.aborted).toBe(false);
    child.dispose();
  });
});
