// `asl serve [--port 8083] [--host 127.0.0.1] [--store FILE|:memory:] [--mock-config FILE] [--services ...]
// [--endpoint SERVICE=URL]`: the Step Functions API (AWS JSON 1.0) on this machine, over an engine
// on the store, until Ctrl-C. Binds to loopback unless told otherwise with --host and
// --allow-remote. The service flags are `asl run`'s (service-options.ts). The server's code loads
// when the command runs.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { BackendKind } from '../../index.js';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { collect } from '../run-options.js';
import { type EndpointSpec, parseEndpoint, parseServices } from '../service-options.js';

export interface ServeCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly store: string;
  readonly allowRemote?: boolean;
  /** Names besides localhost and IP addresses a loopback server answers to (an /etc/hosts alias). */
  readonly allowHost?: string[];
  /** A Step Functions Local MockConfigFile: `StartExecution` of `<machine ARN>#<test case>` runs under that test case. */
  readonly mockConfig?: string;
  readonly services?: Readonly<Record<string, BackendKind>>;
  readonly endpoint?: EndpointSpec[];
}

export function registerServe(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('serve the Step Functions API (AWS JSON 1.0) locally, for the AWS SDK and CLI (--endpoint-url)')
    .option('--port <port>', 'TCP port (0: any free port)', parsePort, 8083)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--allow-remote', 'allow a --host other than loopback (anyone who reaches it can run state machines)')
    // A file by default: the server's executions survive a restart, as the issue of record asks.
    .option('--allow-host <name>', 'a host name the loopback server answers to besides localhost and IP addresses (repeatable)', collect((name: string) => name))
    .option('--store <file>', 'the execution store: a SQLite file, or :memory: (nothing kept)', DEFAULT_STORE)
    .option('--mock-config <file>', 'a Step Functions Local MockConfigFile; start an execution of ARN#TestCase to run under a test case')
    .option('--services <backends>', 'where service Tasks go: local (default), aws, or per service: sqs=aws,sns=local', parseServices)
    .option('--endpoint <SERVICE=URL>', 'the URL of a service on the aws backend, e.g. dynamodb=http://127.0.0.1:8000 ("*" for all); repeatable', collect(parseEndpoint))
    .action(async (opts: ServeCommandOptions) => {
      const { serveApi } = await import('../on-demand.js');
      onExitCode(await serveApi(opts, io));
    });
}

/** Where `asl serve` keeps its executions unless told otherwise: a SQLite file in the working directory. */
export const DEFAULT_STORE = 'asl-serve.db';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}
