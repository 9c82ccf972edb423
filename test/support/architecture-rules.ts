// Pure checks behind test/architecture.test.ts: the layer table of ARCHITECTURE.md 1.3, the banned
// nondeterministic globals of habit 8, and the CLI's "only main.ts touches process" rule.
// Plain regexes over comment-stripped source: no parser dependency, and good enough for our style.
import { posix } from 'node:path';

export interface ImportRef {
  readonly specifier: string;
  /** `import type` / `export type`: erased at compile time, so some layers may use more of them. */
  readonly typeOnly: boolean;
  readonly line: number;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

type Layer = 'core' | 'paths' | 'definition' | 'integrations' | 'world' | 'states' | 'runtime' | 'store' | 'service' | 'server' | 'graph' | 'report' | 'testing' | 'index' | 'cli';

/** Which internal layers each layer may import as values (its own layer is always allowed). */
const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  paths: ['core'],
  definition: ['core', 'paths'],
  integrations: ['core'],
  // The local services see of integrations only the ServiceBackend port they implement (FILE_ALLOWED).
  world: ['core'],
  states: ['core', 'paths', 'definition'],
  runtime: ['core', 'paths', 'definition', 'integrations', 'world', 'states'],
  // Durable executions: the store keeps opaque snapshots and events; the service (the engine users
  // hold) drives the runtime through it.
  store: ['core'],
  service: ['core', 'paths', 'definition', 'integrations', 'world', 'states', 'runtime', 'store'],
  // `asl serve`: the AWS Step Functions API (AWS JSON 1.0) over the engine; nothing below imports it.
  server: ['core', 'definition', 'runtime', 'store', 'service'],
  // Pictures of a definition: built from the compiled machine (definition), never from a run.
  graph: ['core', 'paths', 'definition'],
  // The HTML report: the graph plus a run's history events (core); it reads results, never runs them.
  report: ['core', 'paths', 'definition', 'graph'],
  // asl-engine/testing, a package export of its own (coverage, `asl test`'s engine, property
  // helpers): it drives the runtime, so index may not import it, lest the main entry carry test code.
  testing: ['core', 'paths', 'definition', 'integrations', 'world', 'states', 'runtime', 'graph'],
  index: ['runtime', 'definition', 'integrations', 'world', 'core', 'graph', 'report', 'store', 'service', 'server'],
  // The CLI's `asl test` runs on the testing entry point as well as on index.ts (FILE_ALLOWED).
  cli: ['index'],
};

/** Extra files a layer may import with `import type` only. */
const TYPE_ONLY_ALLOWED: Readonly<Partial<Record<Layer, readonly string[]>>> = {
  states: ['src/integrations/types.ts'],
  world: ['src/integrations/types.ts'],
};

/** Single files of another layer a layer may import as values. */
const FILE_ALLOWED: Readonly<Partial<Record<Layer, readonly string[]>>> = {
  world: ['src/integrations/backend.ts'],
  cli: ['src/testing/index.ts'],
};

/** The only files allowed to read real time, randomness or timers (ARCHITECTURE.md 1.1, habit 8). */
export const NONDETERMINISM_ALLOWED = ['src/core/clock.ts', 'src/core/random.ts', 'src/core/ids.ts'];

const BANNED_GLOBALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(\s*\)|\bnew\s+Date\b(?!\s*\()/, 'new Date() without arguments'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bsetTimeout\b/, 'setTimeout'],
  [/\bsetInterval\b/, 'setInterval'],
  [/\brandomUUID\b/, 'crypto.randomUUID'],
];

/** Blanks out comments (keeping line breaks, so line numbers survive). */
export function stripComments(source: string): string {
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[\s;{}(),])\/\/[^\n]*/g, (match, lead: string) => lead + blank(match.slice(lead.length)));
}

/** Every static `import`/`export ... from` and dynamic `import('...')` specifier in a module. */
export function scanImports(source: string): ImportRef[] {
  const code = stripComments(source);
  const refs: ImportRef[] = [];
  const lineAt = (index: number): number => code.slice(0, index).split('\n').length;
  const statement = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\bfrom\s*)?['"]([^'"\n]+)['"]/gm;
  for (const m of code.matchAll(statement)) {
    refs.push({ specifier: m[2] ?? '', typeOnly: m[1] !== undefined, line: lineAt(m.index) });
  }
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) {
    refs.push({ specifier: m[1] ?? '', typeOnly: false, line: lineAt(m.index) });
  }
  return refs;
}

/** The layer of a file given as a repo-relative posix path such as `src/paths/jsonata.ts`. */
export function layerOf(file: string): Layer | undefined {
  if (file === 'src/index.ts') return 'index';
  const top = file.split('/')[1];
  return top !== undefined && top in ALLOWED && top !== 'index' ? (top as Layer) : undefined;
}

/** The repo-relative `.ts` file a relative specifier points at (NodeNext writes `.js` for `.ts`). */
export function resolveSpecifier(fromFile: string, specifier: string): string {
  const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return target.replace(/\.js$/, '.ts');
}

/** Checks one import of `file` (repo-relative) against the layer table; undefined when allowed. */
export function checkImport(file: string, ref: ImportRef): string | undefined {
  const layer = layerOf(file);
  if (layer === undefined) return `${file} is outside the layered layout of ARCHITECTURE.md 1.2`;
  const { specifier } = ref;
  if (!specifier.startsWith('.')) {
    if (layer !== 'cli') return undefined;
    const ok = specifier === 'commander' || specifier.startsWith('node:');
    return ok ? undefined : `cli may import only commander and node:* packages, not '${specifier}'`;
  }
  const target = resolveSpecifier(file, specifier);
  if (!target.startsWith('src/')) return `'${specifier}' reaches outside src/`;
  const targetLayer = layerOf(target);
  if (targetLayer === undefined) return `'${specifier}' points outside the layered layout`;
  if (targetLayer === layer || ALLOWED[layer].includes(targetLayer)) return undefined;
  if ((FILE_ALLOWED[layer] ?? []).includes(target)) return undefined;
  if (ref.typeOnly && (TYPE_ONLY_ALLOWED[layer] ?? []).includes(target)) return undefined;
  const typeHint = (TYPE_ONLY_ALLOWED[layer] ?? []).includes(target) ? ' except with `import type`' : '';
  return `${layer} may not import ${targetLayer}${typeHint} ('${specifier}')`;
}

/** Import-direction violations of one source file. */
export function importViolations(file: string, source: string): Violation[] {
  return scanImports(source).flatMap((ref) => {
    const message = checkImport(file, ref);
    return message === undefined ? [] : [{ file, line: ref.line, message }];
  });
}

/** Uses of time, randomness and timers outside src/core/{clock,random,ids}.ts. */
export function bannedGlobalViolations(file: string, source: string): Violation[] {
  if (NONDETERMINISM_ALLOWED.includes(file)) return [];
  const found: Violation[] = [];
  stripComments(source)
    .split('\n')
    .forEach((text, i) => {
      for (const [pattern, name] of BANNED_GLOBALS) {
        if (pattern.test(text)) found.push({ file, line: i + 1, message: `${name} is only allowed in src/core/{clock,random,ids}.ts` });
      }
    });
  return found;
}

/** In src/cli only main.ts may touch `process`; everything else goes through Io. */
export function processViolations(file: string, source: string): Violation[] {
  if (!file.startsWith('src/cli/') || file === 'src/cli/main.ts') return [];
  const found: Violation[] = [];
  stripComments(source)
    .split('\n')
    .forEach((text, i) => {
      if (/\bprocess\b/.test(text)) found.push({ file, line: i + 1, message: 'only src/cli/main.ts may touch process' });
    });
  return found;
}
