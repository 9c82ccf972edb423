// The CLI's only window on the outside world. Commands receive an Io instead of touching `process`,
// so tests run them in-process with a fake (test/support/fake-io.ts) and capture both streams.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { openFileSink } from './file-sink.js';

export interface Io {
  /** Writes text as-is to standard output (callers add the newline). */
  stdout(text: string): void;
  /** Writes text as-is to standard error. */
  stderr(text: string): void;
  /** Reads a UTF-8 file; rejects with the underlying error (ENOENT, EISDIR, ...). */
  readFile(path: string): Promise<string>;
  /** Reads all of standard input as UTF-8. */
  readStdin(): Promise<string>;
  /** Writes a UTF-8 file, replacing it; rejects with the underlying error. */
  writeFile(path: string, text: string): Promise<void>;
  /** Creates (or replaces) a file to be written in pieces (--history streams into one); rejects like writeFile. */
  createFile(path: string): Promise<FileSink>;
  /** Imports an ES module (or CommonJS file) by path, relative to the working directory. */
  loadModule(path: string): Promise<Record<string, unknown>>;
  /** Creates a folder and its parents (`asl test --coverage` writes into coverage/); absent: folders must exist. */
  makeDirectory?(path: string): Promise<void>;
  /** Lists a folder's entries (`asl test` looks for test files); rejects like readFile. Absent: nothing to list. */
  readDir?(path: string): Promise<ReadonlyArray<{ readonly name: string; readonly isDirectory: boolean }>>;
  /**
   * Calls `handler` on the first Ctrl-C (SIGINT) and returns the function that stops listening.
   * A second Ctrl-C gets the default behaviour (the process ends), should stopping ever hang.
   * Absent where nothing can interrupt (in-memory runs).
   */
  onInterrupt?(handler: () => void): () => void;
  /**
   * Calls `handler` whenever the process has nothing left to do (no timer, no I/O: it is about to
   * end) and returns the function that stops listening. Absent in in-memory runs.
   */
  onIdle?(handler: () => void): () => void;
  /** Whether standard error is a terminal (progress lines are drawn only there). */
  readonly stderrIsTerminal?: boolean;
}

/** A file being written in pieces. */
export interface FileSink {
  /** Adds text to the file; throws when the file cannot take it (ENOSPC, ...). */
  write(text: string): void;
  /** Writes whatever is still held back and closes the file. */
  close(): Promise<void>;
}

/** The streams and signals of a real process; main.ts passes `process`, which is the only place that touches it. */
export interface NodeStreams {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  once(event: 'SIGINT', listener: () => void): unknown;
  on(event: 'beforeExit', listener: () => void): unknown;
  removeListener(event: 'SIGINT' | 'beforeExit', listener: () => void): unknown;
}

export function createNodeIo(streams: NodeStreams): Io {
  return {
    // Nothing to write, nothing to touch: a stream is created on first use, which costs a run that
    // prints nothing on stderr about a millisecond of start-up.
    stdout: (text) => {
      if (text !== '') streams.stdout.write(text);
    },
    stderr: (text) => {
      if (text !== '') streams.stderr.write(text);
    },
    readFile: (path) => readFile(path, 'utf8'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of streams.stdin) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    makeDirectory: async (path) => {
      await mkdir(path, { recursive: true });
    },
    readDir: async (path) => (await readdir(path, { withFileTypes: true })).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() })),
    createFile: async (path) => openFileSink(path),
    // A file URL, so that Windows drive letters and "#" or "?" in names import the file named.
    loadModule: async (path) => (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>,
    onInterrupt: (handler) => {
      streams.once('SIGINT', handler);
      return () => {
        streams.removeListener('SIGINT', handler);
      };
    },
    stderrIsTerminal: (streams.stderr as { isTTY?: boolean }).isTTY === true,
    onIdle: (handler) => {
      streams.on('beforeExit', handler);
      return () => {
        streams.removeListener('beforeExit', handler);
      };
    },
  };
}
