/**
 * Compiled ASL Paths (ASL.md §3): InputPath, OutputPath, ItemsPath, Choice Variable, *Path fields
 * and the path arguments of intrinsics.
 *
 * Reference paths (the common case, run on every state transition) walk their pre-parsed segments
 * directly: no allocation, no library. General paths run the steps of general-path.ts. A miss is
 * explained only after the fact, by walking again, so the hot path carries no bookkeeping.
 *
 * Cause details follow Jayway, the library AWS uses (ERRORS.md §2): "No results for path: $['a']['x']"
 * for a missing leaf, "Missing property in path $['a']" for a missing intermediate field.
 */
import { AslError } from '../core/errors.js';
import { isJsonObject, jsonTypeName, type JsonValue } from '../core/json.js';
import type { CompiledPath, DataContext } from './evaluate-types.js';
import { compileSteps, isDefinite, renderSteps, runSteps } from './general-path.js';
import { parsePath, type ParsedPath, type ReferenceSegment } from './path-syntax.js';
import { SyntaxFailure, syntaxMessage } from './syntax-message.js';

type RootReader = (data: DataContext) => JsonValue | undefined;

/**
 * Compiles a path already accepted by parsePath. Throws a plain Error for text that does not
 * parse; parsePath already rejects filters the evaluator cannot run, so a path that parses compiles.
 */
export function compilePath(text: string): CompiledPath {
  const parsed = parsePath(text);
  if (!parsed.ok) throw new Error(`cannot compile path: ${parsed.message}`);
  return compileParsedPath(parsed.path);
}

/** Why compilePath would reject this (valid) path text, e.g. an unsupported filter; undefined if it compiles. */
export function pathCompileProblem(text: string): string | undefined {
  try {
    compilePath(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Compiles an already parsed path (intrinsic arguments arrive parsed). */
export function compileParsedPath(path: ParsedPath): CompiledPath {
  const { text } = path;
  const readsContext = path.root === 'context';
  const readsVariables = path.root === 'variable';
  if (path.root === 'input' && path.segments.length === 0 && path.isReference) {
    const identity = (data: DataContext): JsonValue => data.input;
    return { text, readsContext, readsVariables, select: identity, find: identity };
  }
  const readRoot = rootReader(path);
  const find = path.isReference ? referenceFinder(path.segments, readRoot) : generalFinder(path, readRoot);
  const select = (data: DataContext): JsonValue => {
    const value = find(data);
    if (value !== undefined) return value;
    throw AslError.runtime(`Invalid path '${text}' : ${explainMiss(path, readRoot(data))}`);
  };
  return { text, readsContext, readsVariables, select, find };
}

function rootReader(path: ParsedPath): RootReader {
  if (path.root === 'input') return (data) => data.input;
  if (path.root === 'context') return (data) => data.context;
  const name = path.variableName ?? '';
  return (data) => data.variable(name);
}

function referenceFinder(segments: readonly ReferenceSegment[], readRoot: RootReader): RootReader {
  const count = segments.length;
  return (data) => {
    let node = readRoot(data);
    for (let i = 0; i < count && node !== undefined; i++) {
      const segment = segments[i] as ReferenceSegment;
      if (segment.kind === 'field') {
        // hasOwn: a JSON object must not answer "constructor" or "__proto__" from its prototype.
        node = isJsonObject(node) && Object.hasOwn(node, segment.name) ? node[segment.name] : undefined;
      } else {
        node = Array.isArray(node) ? node[segment.index] : undefined;
      }
    }
    return node;
  };
}

function generalFinder(path: ParsedPath, readRoot: RootReader): RootReader {
  const steps = compileGeneralSteps(path);
  // A definite path (negative index, final ['a','b']) names one node, like a reference path.
  if (isDefinite(steps)) {
    return (data) => {
      const root = readRoot(data);
      return root === undefined ? undefined : runSteps(steps, root)[0];
    };
  }
  return (data) => {
    const root = readRoot(data);
    return root === undefined ? undefined : runSteps(steps, root);
  };
}

function compileGeneralSteps(path: ParsedPath): ReturnType<typeof compileSteps> {
  try {
    return compileSteps(path.text, rootLength(path));
  } catch (error) {
    if (error instanceof SyntaxFailure) throw new Error(`cannot compile path: ${syntaxMessage(error.problem, error.index, path.text)}`);
    throw error;
  }
}

function rootLength(path: ParsedPath): number {
  if (path.root === 'context') return 2;
  return path.root === 'variable' ? 1 + (path.variableName ?? '').length : 1;
}

/** The Jayway-style detail of why a path named nothing (cold path: runs once, on failure). */
function explainMiss(path: ParsedPath, root: JsonValue | undefined): string {
  if (root === undefined) return `The variable '$${path.variableName ?? ''}' is not assigned`;
  if (!path.isReference) return `No results for path: $${renderSteps(compileGeneralSteps(path))}`;
  const { segments } = path;
  let prefix = '$';
  let node: JsonValue = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as ReferenceSegment;
    const last = i === segments.length - 1;
    if (segment.kind === 'field') {
      const here = `${prefix}['${segment.name}']`;
      if (!isJsonObject(node)) {
        return `Expected to find an object with property ['${segment.name}'] in path ${prefix} but found '${jsonTypeName(node)}'`;
      }
      if (!Object.hasOwn(node, segment.name)) {
        return last ? `No results for path: ${fullPath(segments)}` : `Missing property in path ${here}`;
      }
      node = node[segment.name] as JsonValue;
      prefix = here;
    } else {
      if (node === null) return `The path ${prefix} is null`;
      if (!Array.isArray(node)) {
        return `Filter: [${segment.index}] can only be applied to arrays. Current context is: ${JSON.stringify(node)}`;
      }
      // Jayway skips an index past the end silently, so the whole path then has no result.
      if (segment.index >= node.length) return `No results for path: ${fullPath(segments)}`;
      node = node[segment.index] as JsonValue;
      prefix = `${prefix}[${segment.index}]`;
    }
  }
  return `No results for path: ${fullPath(segments)}`;
}

function fullPath(segments: readonly ReferenceSegment[]): string {
  return `$${segments.map((s) => (s.kind === 'field' ? `['${s.name}']` : `[${s.index}]`)).join('')}`;
}

/**
 * The AWS cause for a template, ErrorPath/CausePath or intrinsic-argument path that names nothing
 * (ERRORS.md §2). The input is quoted as compact JSON even for `$$` and variable paths.
 */
export function missingFieldPath(text: string, field: string, input: JsonValue): AslError {
  return AslError.runtime(
    `The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
  );
}
