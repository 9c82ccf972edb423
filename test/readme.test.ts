// The README's Quick start is the first thing a newcomer runs, so it is tested the way they run it:
// the built CLI in a child process. The diagnostic-code table must also list every code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
// What `npx asl` runs: the package's bin (the bundled CLI).
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { asl: string } };
const CLI = join(ROOT, PACKAGE.bin.asl);

function firstCodeBlock(markdown: string): string[] {
  const match = /^```[^\n]*\n([\s\S]*?)^```/m.exec(markdown);
  return (match?.[1] ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function newestSourceMtime(): number {
  return readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** `npm ci` builds dist/ through the "prepare" script (`npm run build`); do the same here when dist/ is missing or stale. */
function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSourceMtime()) return;
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(CLI)) throw new Error(`build did not produce ${PACKAGE.bin.asl}:\n${build.stdout}${build.stderr}`);
}

describe('README', () => {
  const [setup, test] = firstCodeBlock(README);
  const asl = /^npm ci && npx asl (.+)$/.exec(setup ?? '');
  const aslArgs = (asl?.[1] ?? '').split(/\s+/);

  beforeAll(ensureBuilt, 180_000);

  it('starts with a Quick start of exactly two commands: install-and-try, then npm test', () => {
    expect(firstCodeBlock(README)).toHaveLength(2);
    expect(setup).toMatch(/^npm ci && npx asl (validate|run) asl-examples\/[\w-]+\/definition\.asl\.json\b/);
    expect(test).toBe('npm test');
    const example = aslArgs.find((arg) => arg.startsWith('asl-examples/'));
    expect(example !== undefined && existsSync(join(ROOT, example)), `${example} exists`).toBe(true);
  });

  it('the Quick start command succeeds with the built CLI, as `npx asl` runs it', () => {
    const run = spawnSync(process.execPath, [CLI, ...aslArgs], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    if (aslArgs[0] === 'run') {
      const example = aslArgs.find((arg) => arg.startsWith('asl-examples/')) ?? '';
      const expected = JSON.parse(readFileSync(join(ROOT, example.replace('definition.asl.json', 'expected.json')), 'utf8')) as { output: unknown };
      expect(JSON.parse(run.stdout)).toEqual(expected.output);
    } else {
      expect(run.stdout).toContain(': valid');
    }
  });

  it('lists every diagnostic code in its table', () => {
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !README.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
