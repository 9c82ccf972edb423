// Everything `asl run` gathers before it starts an execution — the input JSON and the --lambda
// handler modules — with problems turned into one rendered message each (exit code 3), so the
// command itself reads as a straight line.
import { jsonValueProblem, parseDefinition } from '../index.js';
import type { JsonValue, LambdaHandler } from '../index.js';
import type { Io } from './io.js';
import { describeError, renderInputError, renderProblem, renderReadError } from './render.js';
import type { LambdaSpec } from './run-options.js';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface InputSource {
  /** A file path, or "-" for standard input. */
  readonly input?: string | undefined;
  /** Inline JSON text. */
  readonly inputJson?: string | undefined;
}

/** The execution input: from --input FILE|-, --input-json TEXT, or `{}` (what AWS starts with). */
export async function readInput(source: InputSource, io: Io, json: boolean): Promise<Loaded<JsonValue>> {
  if (source.inputJson !== undefined) return parseJsonInput('--input-json', source.inputJson, json);
  if (source.input === undefined) return { ok: true, value: {} };
  const label = source.input === '-' ? '<stdin>' : source.input;
  try {
    const text = source.input === '-' ? await io.readStdin() : await io.readFile(source.input);
    return parseJsonInput(label, text, json);
  } catch (err) {
    return { ok: false, message: renderReadError(label, err, json) };
  }
}

/** Reads and parses a JSON file the run needs (a mock config, a world seed), naming it on failure. */
export async function readJsonFile(file: string, io: Io, json: boolean): Promise<Loaded<JsonValue>> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (err) {
    return { ok: false, message: renderReadError(file, err, json) };
  }
  return parseJsonInput(file, text, json);
}

/** Parses input JSON; on failure names the source and, through the definition loader, the line and column. */
export function parseJsonInput(label: string, text: string, json: boolean): Loaded<JsonValue> {
  let value: JsonValue;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as JsonValue;
  } catch {
    // JSON.parse's messages vary by Node version and rarely say where; the definition loader
    // reports a line and column. It only runs on the error path, so large inputs stay fast.
    if (text.trim() === '') return { ok: false, message: renderInputError(label, 'the input is empty', undefined, undefined, json) };
    const parsed = parseDefinition(text, { format: 'json', maxBytes: Infinity, maxDepth: Infinity });
    const d = parsed.diagnostics.find((x) => x.severity === 'ERROR');
    const message = (d?.message ?? 'not valid JSON').replace(/^The definition is not valid JSON: /, '').replace(/ \(line \d+, column \d+\)$/, '');
    return { ok: false, message: renderInputError(label, message, d?.line, d?.column, json) };
  }
  // Valid JSON the engine would refuse (1e999 parses as Infinity; 20,000 levels would overflow the
  // stack of every JSON.stringify of it): said here, as an input problem, rather than as a failed run.
  const problem = jsonValueProblem(value);
  if (problem !== undefined) return { ok: false, message: renderInputError(label, `the input ${problem}`, undefined, undefined, json) };
  return { ok: true, value };
}

/**
 * Imports each --lambda module and picks the handler: the named export, else the default export,
 * else `handler` (the export name AWS Lambda's Node.js runtime looks for by convention).
 */
export async function loadLambdas(specs: readonly LambdaSpec[], io: Io, json: boolean): Promise<Loaded<Record<string, LambdaHandler>>> {
  const handlers: Record<string, LambdaHandler> = {};
  for (const spec of specs) {
    let namespace: Record<string, unknown>;
    try {
      namespace = await io.loadModule(spec.modulePath);
    } catch (err) {
      return { ok: false, message: renderProblem(`--lambda ${spec.text}`, `cannot load ${spec.modulePath}: ${describeError(err)}`, json) };
    }
    const handler = pickHandler(namespace, spec.exportName);
    if (handler === undefined) {
      const missing =
        spec.exportName === undefined ? 'exports no function as default or as "handler"' : `has no exported function named "${spec.exportName}"`;
      return { ok: false, message: renderProblem(`--lambda ${spec.text}`, `${spec.modulePath} ${missing}`, json) };
    }
    handlers[spec.name] = handler;
  }
  return { ok: true, value: handlers };
}

function pickHandler(namespace: Record<string, unknown>, exportName: string | undefined): LambdaHandler | undefined {
  const candidates = exportName === undefined ? [namespace['default'], namespace['handler']] : [namespace[exportName]];
  const found = candidates.find((c) => typeof c === 'function');
  return found as LambdaHandler | undefined;
}
