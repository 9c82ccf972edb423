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
}

export function fakeIo(files: Readonly<Record<string, string>> = {}, stdin = ''): FakeIo {
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  return {
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
    writeFile: async (path, text) => {
      if (path.startsWith('/unwritable/')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      }
      written.set(path, text);
    },
    loadModule: async (path) => (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>,
    out: () => out,
    err: () => err,
    written,
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
