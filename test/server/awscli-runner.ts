// Runs Debian's AWS CLI (/usr/bin/aws, installed by scripts/ensure-awscli.sh before `npm test`) as a
// user would against `asl serve`, in a sealed environment: dummy credentials, a region, no config or
// credentials file from the user's home, no proxy unless the test sets one, no retries, no pager.
// Always /usr/bin/aws, never the first `aws` on PATH (a pyenv shim or a pip-installed v1 may be).
// Each call starts a Python process (about a second), so it runs asynchronously: the server under
// test may share this event loop.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AWS_CLI = '/usr/bin/aws';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface AwsCli {
  /** `aws stepfunctions <args> --endpoint-url <endpoint> --output json`; `env` adds variables (e.g. HTTP_PROXY). */
  stepfunctions(args: readonly string[], options?: { readonly endpoint?: string; readonly env?: Readonly<Record<string, string>> }): Promise<CliRun>;
  /** Like stepfunctions(), and the parsed JSON it printed; fails with its stderr when it exited non-zero. */
  json(args: readonly string[], options?: { readonly endpoint?: string; readonly env?: Readonly<Record<string, string>> }): Promise<Record<string, unknown>>;
  /** Removes the scratch home directory. */
  dispose(): void;
}

/** Fails (never skips) with the remedy when the CLI is not installed. */
export function requireAwsCli(): void {
  if (!existsSync(AWS_CLI)) {
    throw new Error(`${AWS_CLI} is missing: run scripts/ensure-awscli.sh (as root; \`npm test\` runs it first through "pretest").`);
  }
}

/** A CLI pointed at `endpoint` by default, with a scratch HOME that holds no AWS configuration. */
export function awsCli(endpoint: string): AwsCli {
  const home = mkdtempSync(join(tmpdir(), 'asl-awscli-'));
  const baseEnv: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    AWS_SECRET_ACCESS_KEY: 'local-test-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  const stepfunctions: AwsCli['stepfunctions'] = (args, options = {}) =>
    new Promise((resolve, reject) => {
      const argv = ['stepfunctions', ...args, '--endpoint-url', options.endpoint ?? endpoint, '--output', 'json'];
      execFile(AWS_CLI, argv, { env: { ...baseEnv, ...options.env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') return reject(new Error(`aws ${argv.join(' ')} did not run: ${error.message}\n${stderr}`));
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      });
    });
  return {
    stepfunctions,
    async json(args, options) {
      const run = await stepfunctions(args, options);
      if (run.code !== 0) throw new Error(`aws stepfunctions ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
      return run.stdout.trim() === '' ? {} : (JSON.parse(run.stdout) as Record<string, unknown>);
    },
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** The service error code the CLI names on stderr ("An error occurred (Code) when calling ..."). */
export function errorCode(run: CliRun): string | undefined {
  return /An error occurred \(([A-Za-z.]+)\) when calling the \w+ operation/.exec(run.stderr)?.[1];
}
