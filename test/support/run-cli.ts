// `asl run` tests: run the CLI in process and keep the files it wrote (--history).
import { runCli } from '../../src/cli/program.js';
import { fakeIo } from './fake-io.js';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly written: ReadonlyMap<string, string>;
}

/** A definition file's text from a compact description of its states. */
export function machine(states: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...extra });
}

export async function aslRun(args: readonly string[], files: Readonly<Record<string, string>> = {}, stdin = ''): Promise<RunResult> {
  const io = fakeIo(files, stdin);
  const code = await runCli(['node', 'asl', 'run', ...args], io);
  return { code, stdout: io.out(), stderr: io.err(), written: io.written };
}
