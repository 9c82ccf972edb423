// The `asl` binary's cold start must not grow (issue 10): before running a command it loads its
// entry file and the chunks that file imports, and nothing else. The code only some commands or
// flags need (other commands, --report, --template, --world, the aws backend, the local world,
// durable executions) comes in chunks imported when used: through src/cli/on-demand.ts, since each
// module imported on its own makes the bundle split the code it shares with the rest into more
// chunks to load at start-up. Bundled here from src/ with the build's own script, and checked in
// esbuild's metafile.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Output {
  readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string; readonly external?: boolean }>;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** Source files (repo-relative) whose code `asl run` must not load before it runs. */
const ON_DEMAND = [
  /^src\/world\/(?!served-services\.ts$)/,
  /^src\/report\//,
  /^src\/graph\/(?!formats\.ts$)/,
  /^src\/testing\//,
  /^src\/definition\/template\//,
  /^src\/integrations\/aws-backend\.ts$/,
  /^src\/runtime\/test-state\.ts$/,
  /^src\/store\//,
  /^src\/service\//,
  /^src\/server\//,
  /^src\/cli\/commands\/.*-run\.ts$/,
  /^src\/cli\/(on-demand|template-source|run-world|run-report|test-report|test-coverage|durable|durable-run|serve-run)\.ts$/,
];

describe('asl: what the binary loads at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asl-cold-'));
  let startup: Output[] = [];
  let inputs: string[] = [];

  beforeAll(() => {
    const metafile = join(dir, 'meta.json');
    const bundled = spawnSync(process.execPath, ['scripts/bundle-cli.mjs', '--from-source', '--outdir', join(dir, 'cli'), '--metafile', metafile], { cwd: ROOT, encoding: 'utf8' });
    expect([bundled.status, bundled.stderr]).toEqual([0, '']);
    const outputs = (JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, Output> }).outputs;
    const loaded = new Set<string>();
    const load = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const i of outputs[file]?.imports ?? []) if (i.external !== true && i.kind === 'import-statement') load(i.path);
    };
    load(Object.keys(outputs).find((file) => file.endsWith('/cli/asl.mjs')) ?? 'no asl.mjs');
    startup = [...loaded].map((file) => outputs[file] as Output);
    inputs = startup.flatMap((output) => Object.keys(output.inputs));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is three files holding what a run needs', () => {
    expect(startup).toHaveLength(3);
    expect(inputs).toEqual(expect.arrayContaining(['src/cli/commands/run.ts', 'src/runtime/execution.ts', 'src/definition/validate.ts']));
  });

  it('holds none of the code only some commands or flags need', () => {
    expect(inputs.filter((file) => ON_DEMAND.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('does not load node:crypto or node:child_process (Node takes milliseconds for each)', () => {
    const builtins = startup.flatMap((output) => output.imports.filter((i) => i.external === true).map((i) => i.path));
    expect(builtins.filter((name) => /^(node:)?(crypto|child_process)$/.test(name))).toEqual([]);
  });
});
