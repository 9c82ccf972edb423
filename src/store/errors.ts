// Store failures, as data a caller can branch on. Each message names the file and what to do.

/** The store's base class: never thrown for an ASL outcome, only for the store itself. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Another live engine holds the store. */
export class StoreLockedError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreLockedError';
  }
}

/** The file is not a store, is damaged, or was written by a newer asl-engine; it is left untouched. */
export class StoreCorruptError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreCorruptError';
  }
}

/** A write that does not fit what is stored (a doubled execution, a gap or overlap in the history). */
export class StoreConflictError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export class StoreClosedError extends StoreError {
  constructor(message = 'The execution store is closed.') {
    super(message);
    this.name = 'StoreClosedError';
  }
}
