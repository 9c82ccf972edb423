// linkSignal must not leave callbacks on the parent once children are disposed (a 10,000-item Map).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { addAbortCallback, allowManyListeners, isAborted, linkSignal, newAbortController, ownedAbortController, pendingAbortCallbacks, removeAbortCallback } from '../../../src/core/abort.js';

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

describe('isAborted and abort callbacks', () => {
  it('follows the signal, also for a signal that aborted before anyone watched it', () => {
    const controller = newAbortController();
    expect(isAborted(controller.signal)).toBe(false);
    controller.abort('stop');
    expect(isAborted(controller.signal)).toBe(true);
    const early = new AbortController();
    early.abort('before');
    expect(isAborted(early.signal)).toBe(true);
  });

  it('calls each callback once with the reason, in registration order, and at once when already aborted', () => {
    const controller = new AbortController();
    const seen: string[] = [];
    addAbortCallback(controller.signal, (reason) => seen.push(`a:${String(reason)}`));
    const removed = (reason: unknown): void => {
      seen.push(`removed:${String(reason)}`);
    };
    addAbortCallback(controller.signal, removed);
    removeAbortCallback(controller.signal, removed);
    addAbortCallback(controller.signal, (reason) => seen.push(`b:${String(reason)}`));
    controller.abort('why');
    controller.abort('again');
    addAbortCallback(controller.signal, (reason) => seen.push(`late:${String(reason)}`));
    expect(seen).toEqual(['a:why', 'b:why', 'late:why']);
    expect(pendingAbortCallbacks(controller.signal)).toBe(0);
  });

  it('links a child to a parent that has already aborted', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const child = linkSignal(parent.signal);
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('gone');
  });
});


describe('ownedAbortController', () => {
  it('is watched without an abort listener of its own, and its abort() reaches callbacks, linked children and real listeners', () => {
    const owned = ownedAbortController();
    expect(getEventListeners(owned.signal, 'abort')).toHaveLength(0);
    expect(isAborted(owned.signal)).toBe(false);
    const seen: string[] = [];
    addAbortCallback(owned.signal, (reason) => seen.push(`callback:${String(reason)} aborted:${String(owned.signal.aborted)}`));
    owned.signal.addEventListener('abort', () => seen.push(`listener:${String(owned.signal.reason)}`));
    const child = linkSignal(owned.signal);
    owned.abort('stop');
    owned.abort('again');
    expect(isAborted(owned.signal)).toBe(true);
    expect(owned.signal.reason).toBe('stop');
    expect(child.signal.reason).toBe('stop');
    // Real listeners hear it first (it is the signal's own event), then the watch's callbacks, once.
    expect(seen).toEqual(['listener:stop', 'callback:stop aborted:true']);
  });

  it('lifts the listener warning only once the signal is handed on (allowManyListeners)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const handedOn = ownedAbortController();
      allowManyListeners(handedOn.signal);
      allowManyListeners(handedOn.signal);
      for (let i = 0; i < 40; i++) handedOn.signal.addEventListener('abort', () => undefined);
      // Warnings are emitted on a later tick.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
      const kept = ownedAbortController();
      for (let i = 0; i < 40; i++) kept.signal.addEventListener('abort', () => undefined);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(warnings).toEqual(['MaxListenersExceededWarning']);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
