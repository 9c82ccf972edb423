// Enforces ARCHITECTURE.md: the import direction of 1.3, the banned globals of habit 8, the CLI's
// process rule (1.11) and the file-size limit of habit 6. The rules live in test/support so the
// self-tests below can prove each one actually fails on a bad example.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bannedGlobalViolations,
  checkImport,
  importViolations,
  processViolations,
  scanImports,
} from './support/architecture-rules.js';
import type { Violation } from './support/architecture-rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_LINES = 400;

function listFiles(dir: string, extensions: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const show = (violations: Violation[]): string[] => violations.map((v) => `${v.file}:${v.line}: ${v.message}`);

describe('architecture', () => {
  const sources = listFiles('src', /\.ts$/).map((file) => ({ file, source: read(file) }));

  it('finds the source files', () => {
    expect(sources.map((s) => s.file)).toContain('src/index.ts');
  });

  it('follows the import direction of ARCHITECTURE.md 1.3', () => {
    expect(show(sources.flatMap(({ file, source }) => importViolations(file, source)))).toEqual([]);
  });

  it('keeps time, randomness and timers inside src/core/{clock,random,ids}.ts', () => {
    expect(show(sources.flatMap(({ file, source }) => bannedGlobalViolations(file, source)))).toEqual([]);
  });

  it('lets only src/cli/main.ts touch process', () => {
    expect(show(sources.flatMap(({ file, source }) => processViolations(file, source)))).toEqual([]);
  });

  it(`keeps every file in src/ and test/ at or under ${MAX_LINES} lines`, () => {
    const files = [...listFiles('src', /\.(ts|js|mjs)$/), ...listFiles('test', /\.(ts|js|mjs)$/)];
    const long = files
      .map((file) => ({ file, lines: read(file).split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});

describe('architecture rules (self-test: each rule can fail)', () => {
  const valueImport = (specifier: string) => ({ specifier, typeOnly: false, line: 1 });
  const typeImport = (specifier: string) => ({ specifier, typeOnly: true, line: 1 });

  it('scans static, re-export, side-effect and dynamic imports, ignoring comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c,',
      "} from './c.js';",
      "export * from './d.js';",
      "export type { E } from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "// import { h } from './h.js';",
      "export const note = 'not from here';",
    ].join('\n');
    expect(scanImports(source).map((r) => [r.specifier, r.typeOnly, r.line])).toEqual([
      ['./a.js', false, 1],
      ['../b.js', true, 2],
      ['./c.js', false, 3],
      ['./d.js', false, 6],
      ['./e.js', true, 7],
      ['./f.js', false, 8],
      ['./g.js', false, 9],
    ]);
  });

  it.each([
    ['src/core/json.ts', valueImport('../runtime/execution.js')],
    ['src/paths/jsonata.ts', valueImport('../definition/types.js')],
    ['src/definition/compile.ts', valueImport('../states/pass.js')],
    ['src/integrations/lambda.ts', typeImport('../paths/jsonpath.js')],
    ['src/states/task.ts', valueImport('../integrations/types.js')],
    ['src/states/map.ts', valueImport('../runtime/interpreter.js')],
    ['src/index.ts', valueImport('./cli/program.js')],
    ['src/cli/commands/validate.ts', valueImport('../../definition/validate.js')],
    ['src/cli/program.ts', valueImport('ajv')],
    ['src/core/json.ts', valueImport('../../package.json')],
    ['src/tools/x.ts', valueImport('../core/json.js')],
    ['src/world/sqs.ts', valueImport('../integrations/sqs.js')],
    ['src/world/sqs.ts', valueImport('../integrations/types.js')],
    ['src/world/sqs.ts', valueImport('../runtime/execution.js')],
    ['src/index.ts', valueImport('./testing/index.js')],
    ['src/runtime/execution.ts', valueImport('../testing/coverage.js')],
    ['src/cli/commands/test.ts', valueImport('../../testing/coverage.js')],
  ])('rejects %s importing %j', (file, ref) => {
    expect(checkImport(file, ref)).toBeTypeOf('string');
  });

  it.each([
    ['src/core/errors.ts', valueImport('./json.js')],
    ['src/definition/validate.ts', valueImport('../paths/jsonpath.js')],
    ['src/states/task.ts', typeImport('../integrations/types.js')],
    ['src/runtime/execution.ts', valueImport('../states/pass.js')],
    ['src/index.ts', typeImport('./definition/diagnostic.js')],
    ['src/cli/commands/validate.ts', valueImport('../../index.js')],
    ['src/cli/program.ts', valueImport('./commands/validate.js')],
    ['src/cli/io.ts', valueImport('node:fs/promises')],
    ['src/cli/program.ts', valueImport('commander')],
    ['src/paths/jsonata.ts', valueImport('jsonata')],
    ['src/world/sqs.ts', valueImport('../integrations/backend.js')],
    ['src/world/sqs.ts', typeImport('../integrations/types.js')],
    ['src/world/world.ts', valueImport('../core/clock.js')],
    ['src/runtime/execution.ts', valueImport('../world/world.js')],
    ['src/testing/coverage.ts', valueImport('../runtime/probe.js')],
    ['src/testing/coverage-model.ts', valueImport('../graph/labels.js')],
    ['src/cli/commands/test.ts', valueImport('../../testing/index.js')],
  ])('allows %s importing %j', (file, ref) => {
    expect(checkImport(file, ref)).toBeUndefined();
  });

  it('flags nondeterministic globals outside the allowed core files', () => {
    const source = 'const t = Date.now();\nconst d = new Date();\nconst r = Math.random();\nsetTimeout(f, 1);\nconst ok = new Date(0);';
    expect(bannedGlobalViolations('src/runtime/retry.ts', source).map((v) => v.line)).toEqual([1, 2, 3, 4]);
    expect(bannedGlobalViolations('src/core/clock.ts', source)).toEqual([]);
    expect(bannedGlobalViolations('src/states/wait.ts', '// Date.now() is not used here\n')).toEqual([]);
  });

  it('flags process outside src/cli/main.ts', () => {
    expect(processViolations('src/cli/program.ts', 'process.exit(1);')).toHaveLength(1);
    expect(processViolations('src/cli/main.ts', 'process.exitCode = 0;')).toEqual([]);
  });
});
