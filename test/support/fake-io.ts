// In-memory Io for in-process CLI tests: files come from a map, both streams are captured.
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface FakeIo extends Io {
  /** Everything written to stdout so far. */
  readonly out: () => string;
  /** Everything written to stderr so far. */
  readonly err: () => string;
}

export function fakeIo(files: Readonly<Record<string, string>> = {}, stdin = ''): FakeIo {
  let out = '';
  let err = '';
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
    out: () => out,
    err: () => err,
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
