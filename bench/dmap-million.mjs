#!/usr/bin/env node
// Issue 14's Distributed Map bench: 1,000,000 JSONL items in a folder bucket, read by an ItemReader,
// batched (ItemBatcher, 1,000 items a batch), each batch an EXPRESS child execution, the children's
// records streamed by a ResultWriter to another folder bucket. Prints one line: wall time, items/s,
// peak RSS (the process's high-water mark, VmHWM) and what was written. Targets (issue 14):
// peak RSS <= 200 MB, >= 100,000 items/s.
//   node bench/dmap-million.mjs [--items N] [--batch N] [--concurrency N] [--compact] [--no-writer] [--src] [--json]
// --src: runs src/ bundled on the fly with esbuild (no build needed); otherwise dist/ (npm run build).
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const items = option('--items', 1_000_000);
const batch = option('--batch', 1000);
const concurrency = option('--concurrency', 0);
const compact = args.includes('--compact');
// --no-writer: the same Map without a ResultWriter (its result is the array of child outputs), to see what writing costs.
const writer = !args.includes('--no-writer');

async function library() {
  if (!args.includes('--src')) return import(pathToFileURL(join(here, '..', 'dist', 'index.js')).href);
  const { build } = await import('esbuild');
  // Inside the repository (bench/results/ is git-ignored), so that the bundle finds node_modules.
  const out = join(here, 'results', 'dmap-src-bundle.mjs');
  await build({ entryPoints: [join(here, '..', 'src', 'index.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'error' });
  return import(pathToFileURL(out).href);
}

/** Writes N JSON Lines items to a file, streamed (the generator holds one chunk at a time). */
async function writeItems(path, count) {
  const out = createWriteStream(path);
  let chunk = '';
  for (let id = 0; id < count; id++) {
    chunk += `{"id":${id},"name":"item-${id}","price":${(id % 1000) / 10},"tags":["a","b"]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function definition() {
  return {
    Comment: `Distributed Map over ${items} JSONL items, EXPRESS children, ItemBatcher, ResultWriter`,
    StartAt: 'Export',
    States: {
      Export: {
        Type: 'Map',
        Label: 'Export',
        MaxConcurrency: concurrency,
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'input', Key: 'items.jsonl' } },
        ItemBatcher: { MaxItemsPerBatch: batch },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Summarise',
          States: { Summarise: { Type: 'Pass', Parameters: { 'count.$': 'States.ArrayLength($.Items)', 'first.$': '$.Items[0].id' }, End: true } },
        },
        ...(writer ? { ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'output', Prefix: 'runs' }, ...(compact ? { WriterConfig: { Transformation: 'COMPACT' } } : {}) } } : {}),
        End: true,
      },
    },
  };
}

function peakRssMb() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function folderBytes(folder) {
  let total = 0;
  let files = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    total += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { total, files };
}

const base = mkdtempSync(join(tmpdir(), 'asl-dmap-million-'));
try {
  mkdirSync(join(base, 'in'), { recursive: true });
  await writeItems(join(base, 'in', 'items.jsonl'), items);
  const asl = await library();
  const world = asl.createLocalWorld({ baseDir: base, seed: { s3: { buckets: [{ Bucket: 'input', folder: 'in' }, { Bucket: 'output', folder: 'out' }] } } });
  const machine = asl.createStateMachine(definition(), { world, type: 'STANDARD' });
  const rssBefore = process.memoryUsage.rss() / 1024 / 1024;
  const t0 = process.hrtime.bigint();
  const result = await machine.start({}).result;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (result.status !== 'SUCCEEDED') throw new Error(`the run failed: ${JSON.stringify(result).slice(0, 500)}`);
  const written = folderBytes(join(base, 'out'));
  const line = {
    items,
    children: Math.ceil(items / batch),
    seconds: +seconds.toFixed(2),
    items_per_s: Math.round(items / seconds),
    peak_rss_mb: +peakRssMb().toFixed(0),
    rss_before_mb: +rssBefore.toFixed(0),
    result_files: written.files,
    result_mb: +(written.total / 1024 / 1024).toFixed(1),
    transformation: writer ? (compact ? 'COMPACT' : 'NONE') : 'no ResultWriter',
    library: args.includes('--src') ? 'src (esbuild)' : 'dist',
  };
  if (args.includes('--json')) console.log(JSON.stringify(line));
  else {
    console.log(
      `dmap-million: ${items.toLocaleString('en-US')} items in ${line.children.toLocaleString('en-US')} EXPRESS children (batches of ${batch}), ` +
        `${line.seconds} s, ${line.items_per_s.toLocaleString('en-US')} items/s, peak RSS ${line.peak_rss_mb} MB ` +
        `(targets: >= 100,000 items/s, <= 200 MB); ResultWriter ${line.transformation}: ${line.result_files} files, ${line.result_mb} MB [${line.library}]`,
    );
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
