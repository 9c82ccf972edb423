// A table of what is in flight now (running executions, requests being answered): entries come and
// go thousands of times a second while the table lives as long as the process.
//
// Why not a Map or a Set: when deleted entries fill a V8 Map or Set, V8 moves the live entries to a
// new hash table, and the old table keeps its entries and a pointer to the new one (so that an
// iterator still on it can follow). Once one of those old tables has been promoted to the old
// generation, it is dead but not collected until a full GC, and meanwhile it keeps the newer table
// alive through every scavenge, and that one the next: every entry ever put in the table, and all
// it points to (an execution, its history, its request), survives scavenges and is promoted. Under
// `asl serve`'s load that kept a fifth to a third of what a request allocated alive past each
// scavenge, with 5-11 ms scavenge pauses (bench:serve --gc). A dictionary-mode object's hash table
// has no such link: an outgrown one is simply garbage.
//
// Keys are strings; an array-index-like key ("12") is listed before the others, as for any object.

export class LiveTable<V> {
  // A null-prototype object is in dictionary mode from the start and has no inherited keys.
  #entries: Record<string, V> = Object.create(null) as Record<string, V>;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: string): V | undefined {
    return this.#entries[key];
  }

  has(key: string): boolean {
    return key in this.#entries;
  }

  set(key: string, value: V): void {
    if (!(key in this.#entries)) this.#size++;
    this.#entries[key] = value;
  }

  /** Removes `key`; false when it was not there. */
  delete(key: string): boolean {
    if (!(key in this.#entries)) return false;
    delete this.#entries[key];
    this.#size--;
    return true;
  }

  /** The values now, in insertion order (array-index-like keys first): a copy, safe to change the table while going through it. */
  values(): V[] {
    return Object.values(this.#entries);
  }

  keys(): string[] {
    return Object.keys(this.#entries);
  }
}
