// In-memory Io for in-process CLI tests: files come from a map, both streams are captured, written
// files are kept in memory, and modules are imported for real (paths relative to the repo root,
// where vitest runs) so that --lambda fixtures exercise the same loading as the real CLI.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface FakeIo extends Io {
  /** Everything written to stdout so far. */
  readonly out: () => string;
  /** Everything written to stderr so far. */
  readonly err: () => string;
  /** Files written through writeFile, by path. */
  readonly written: ReadonlyMap<string, string>;
  /** Plays a Ctrl-C; false when nobody listens for one (yet). */
  readonly interrupt: () => boolean;
  /** Plays the process running out of work; false when nobody listens (yet). */
  readonly idle: () => boolean;
}

export function fakeIo(files: Readonly<Record<string, string>> = {}, stdin = '', options: { readonly stderrIsTerminal?: boolean } = {}): FakeIo {
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  let onInterrupt: (() => void) | undefined;
  let onIdle: (() => void) | undefined;
  return {
    ...(options.stderrIsTerminal === undefined ? {} : { stderrIsTerminal: options.stderrIsTerminal }),
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readFile: async (path) => {
      const text = files[path];
      if (text !== undefined) return text;
      // Same shape as Node's error, so rendering is exercised as it is for real files.
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    },
    readStdin: async () => stdin,
    // Folders are implied by the files' paths ('a/b/c.json' makes folders 'a' and 'a/b'); '.' is the root.
    readDir: async (path) => {
      const prefix = path === '.' || path === '' ? '' : `${path.replace(/\/+$/, '')}/`;
      const entries = new Map<string, boolean>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        if (name !== undefined && name !== '') entries.set(name, rest.length > 0 || entries.get(name) === true);
      }
      if (entries.size === 0 && prefix !== '') {
        throw Object.assign(new Error(`ENOENT: no such file or directory, scandir '${path}'`), { code: 'ENOENT' });
      }
      return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    writeFile: async (path, text) => {
      if (path.startsWith('/unwritable/')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      }
      written.set(path, text);
    },
    createFile: async (path) => {
      if (path.startsWith('/unwritable/')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      }
      // Visible in `written` as it grows, like a real file being streamed into.
      let content = '';
      written.set(path, content);
      return {
        write: (text) => {
          content += text;
          written.set(path, content);
        },
        close: async () => undefined,
      };
    },
    loadModule: async (path) => (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>,
    onInterrupt: (handler) => {
      onInterrupt = handler;
      return () => {
        onInterrupt = undefined;
      };
    },
    onIdle: (handler) => {
      onIdle = handler;
      return () => {
        onIdle = undefined;
      };
    },
    idle: () => {
      onIdle?.();
      return onIdle !== undefined;
    },
    out: () => out,
    err: () => err,
    written,
    interrupt: () => {
      const handler = onInterrupt;
      onInterrupt = undefined;
      handler?.();
      return handler !== undefined;
    },
  };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `asl ...args` in process against the given files and stdin. */
export async function runAsl(
  args: readonly string[],
  files: Readonly<Record<string, string>> = {},
  stdin = '',
): Promise<CliRun> {
  const io = fakeIo(files, stdin);
  const code = await runCli(['node', 'asl', ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}
