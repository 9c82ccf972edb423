// `asl serve [--port 8083] [--host 127.0.0.1] [--store FILE]`: the Step Functions API (AWS JSON 1.0)
// on this machine, over an engine on the store, until Ctrl-C. Binds to loopback unless told
// otherwise with --host and --allow-remote. The server's code loads when the command runs.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';

export interface ServeCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly store: string;
  readonly allowRemote?: boolean;
}

export function registerServe(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('serve the Step Functions API (AWS JSON 1.0) locally, for the AWS SDK and CLI (--endpoint-url)')
    .option('--port <port>', 'TCP port (0: any free port)', parsePort, 8083)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--allow-remote', 'allow a --host other than loopback (anyone who reaches it can run state machines)')
    .option('--store <file>', 'the execution store: a SQLite file, or :memory:', ':memory:')
    .action(async (opts: ServeCommandOptions) => {
      const { serveApi } = await import('../on-demand.js');
      onExitCode(await serveApi(opts, io));
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}
