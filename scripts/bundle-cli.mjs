// Build step: bundle the CLI (dist/cli/asl.mjs, the `asl` binary) and the parts it loads on demand
// (dist/cli/chunks/). Loading ~120 small modules costs Node more than running a one-state machine,
// and so does compiling code a command never runs: `asl run` loads asl.mjs and the two chunks it
// imports, what a run needs, while `asl test`, `asl graph`, `asl test-state`, --report, --template,
// --world and the aws backend (cli/on-demand.ts) and the local world (on the first service call)
// come in chunks imported when used. jsonata and yaml stay external:
// they are loaded on first use only. So do the AWS SDK clients (the aws backend imports them on a
// service's first call, src/integrations/aws-backend*.ts) and dynalite: bundling them would make
// the files several megabytes.
//   node scripts/bundle-cli.mjs [--metafile FILE] [--from-source --outdir DIR]
// --metafile writes esbuild's metafile (which module went into which file); --from-source bundles
// src/ instead of dist/ (test/cli/cold-start.test.ts checks what the binary loads at start-up).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const fromSource = args.includes('--from-source');
const root = new URL('../', import.meta.url).pathname;
const lib = fromSource ? `${root}src/` : `${root}dist/`;
const ext = fromSource ? 'ts' : 'js';
const outdir = option('--outdir') ?? `${root}dist/cli/`;

/**
 * The CLI imports the library through index.js, which re-exports everything. esbuild follows
 * every re-export from a file that imports the index, so the world, the report and the template
 * loader would count as reached by asl.mjs and land in chunks it loads at start-up. So each
 * `import { a, b } from '../index.js'` (or `export { ... } from`) in cli/ is rewritten to
 * take each name from the module that defines it (the index's own `export { ... } from` lines say which).
 */
function directImports() {
  const sources = new Map();
  for (const [, names, from] of readFileSync(`${lib}index.${ext}`, 'utf8').matchAll(/^export \{([^}]*)\} from '([^']+)';$/gm)) {
    for (const [local, exported = local] of specifiers(names)) sources.set(exported, { local, module: new URL(from, `file://${lib}`).pathname });
  }
  const rewrite = (keyword, names, file) =>
    specifiers(names)
      .map(([imported, as = imported]) => {
        const source = sources.get(imported);
        if (source === undefined) throw new Error(`${file}: ${imported} is not re-exported by index.${ext} with export { ... } from`);
        return `${keyword} { ${source.local} as ${as} } from '${source.module}';`;
      })
      .join('\n');
  return {
    name: 'direct-imports',
    setup(b) {
      b.onLoad({ filter: new RegExp(`/${fromSource ? 'src' : 'dist'}/cli/.*\\.${ext}$`) }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        const fromIndex = /^(import|export) \{([^}]*)\} from '(?:\.\.\/)+index\.js';$/gm;
        return { contents: text.replace(fromIndex, (_whole, keyword, names) => rewrite(keyword, names, path)), loader: ext };
      });
    },
  };
}

/**
 * Two builtins take Node about 4 ms each to load, and a run seldom needs them: node:crypto (for
 * States.Hash and $hash) and node:child_process (commander's executable subcommands, which asl does
 * not have). Bundled imports of them get a stand-in that loads the real module on the first call of
 * the functions those files use; an import of any other name fails the build. The world keeps the
 * real crypto (it probes for `hash` when loaded): it is itself loaded on demand.
 */
const LAZY_BUILTINS = { crypto: ['createHash'], child_process: ['spawn'] };

function lazyBuiltins() {
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter: /^(node:)?(crypto|child_process)$/ }, ({ path, importer }) =>
        importer.startsWith(`${lib}world/`) ? undefined : { path: path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => ({
        contents: [
          "import { createRequire } from 'node:module';",
          'let loaded;',
          `const load = () => (loaded ??= createRequire(import.meta.url)('node:${path}'));`,
          ...LAZY_BUILTINS[path].map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** `a, b as c, type D` → [['a'], ['b', 'c']] (types are not imported at run time) */
function specifiers(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('type '))
    .map((s) => s.split(/\s+as\s+/));
}

const metafile = option('--metafile');
// Chunk names carry a content hash: old ones would pile up across builds.
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });

const result = await build({
  entryPoints: { asl: `${lib}cli/main.${ext}` },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  // Node compiles what it loads before running a line: minified, that is about 5 ms less at start-up.
  // Names are not kept (keepNames adds a call per function at load): error classes set their own
  // `name`, and nothing reads a function's name.
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['jsonata', 'yaml', '@aws-sdk/*', '@smithy/*', 'dynalite', 'better-sqlite3'],
  // Bundled CommonJS (commander) calls require().
  banner: { js: "import { createRequire as __aslCreateRequire } from 'node:module';\nconst require = __aslCreateRequire(import.meta.url);" },
  plugins: [directImports(), lazyBuiltins()],
  metafile: metafile !== undefined,
  logLevel: 'warning',
});
if (metafile !== undefined) writeFileSync(metafile, JSON.stringify(result.metafile));
