// Reads a SAM/CloudFormation template (JSON, or YAML with the short-form tags `!Ref`, `!GetAtt`,
// `!Sub`...), turning each tag into the long form (`{ "Fn::GetAtt": [...] }`) with the yaml
// package's custom tags, and keeps the document so that a pointer into the template can be given
// a line and column.
import { createRequire } from 'node:module';
import type { Document, Node as YamlNode, ScalarTag, CollectionTag } from 'yaml';
import type * as YamlModule from 'yaml';
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.js';
import { fromPointer } from '../diagnostic.js';
import { LineIndex } from '../source-position.js';
import type { SourcePosition } from '../source.js';

const requireModule = createRequire(import.meta.url);
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  return (yamlModule ??= requireModule('yaml') as typeof YamlModule);
}

/** A template could not be read or used; the message says why and what to do. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The short-form tags CloudFormation defines; `!Ref` and `!Condition` have no "Fn::" prefix. */
const FUNCTIONS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'GetAZs',
  'ImportValue', 'Equals', 'And', 'Or', 'Not', 'Transform', 'ToJsonString', 'Length',
] as const;

function longName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

/** `!GetAtt Res.Attr` is the one short form whose scalar is split (at the first dot). */
function scalarArgument(tag: string, text: string): JsonValue {
  if (tag !== 'GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

let tags: Array<ScalarTag | CollectionTag> | undefined;
function customTags(): Array<ScalarTag | CollectionTag> {
  return (tags ??= FUNCTIONS.flatMap((name): Array<ScalarTag | CollectionTag> => [
    { tag: `!${name}`, resolve: (text: string) => ({ [longName(name)]: scalarArgument(name, text) }) },
    { tag: `!${name}`, collection: 'seq', resolve: (seq) => ({ [longName(name)]: seq.toJSON() as JsonValue }) },
    { tag: `!${name}`, collection: 'map', resolve: (map) => ({ [longName(name)]: map.toJSON() as JsonValue }) },
  ]));
}

/** A parsed template: its value, and where in the text a pointer's node starts. */
export interface ParsedTemplate {
  readonly value: JsonObject;
  locate(pointer: string): SourcePosition | undefined;
  /**
   * For a block literal (`DefinitionString: |`, or `!Sub |`): the template position of its text's
   * line 1, column 1, so positions in the text can be moved into the template.
   */
  blockLiteralOrigin(pointer: string): SourcePosition | undefined;
}

/** Parses template text (JSON is YAML too); throws TemplateError when it is not a template. */
export function parseTemplate(text: string): ParsedTemplate {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = yaml().parseDocument(body, { customTags: customTags(), schema: 'core', prettyErrors: false, logLevel: 'error' });
  const lines = new LineIndex(body);
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const { line, column } = lines.position(problem.pos[0]);
    throw new TemplateError(`The template is not valid JSON or YAML (line ${line}, column ${column}): ${problem.message}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isJsonObject(value as JsonValue) || !isJsonObject((value as JsonObject)['Resources'] ?? null)) {
    throw new TemplateError('The template has no "Resources" section: is this a SAM or CloudFormation template?');
  }
  return {
    value: value as JsonObject,
    locate: (pointer) => {
      const offset = walk(doc, fromPointer(pointer)).offset;
      return offset === undefined ? undefined : lines.position(offset);
    },
    blockLiteralOrigin: (pointer) => {
      const { node, complete } = walk(doc, fromPointer(pointer));
      const header = rangeStart(node);
      if (!complete || !yaml().isScalar(node) || node.type !== 'BLOCK_LITERAL' || header === undefined) return undefined;
      const start = body.indexOf('\n', header) + 1;
      if (start === 0) return undefined;
      const indent = /^ */.exec(body.slice(start, start + 200))?.[0].length ?? 0;
      return { line: lines.position(start).line, column: indent + 1 };
    },
  };
}

/** The node a pointer names (complete) or its nearest existing ancestor, and where it starts. */
function walk(doc: Document.Parsed, segments: readonly string[]): { node: unknown; offset: number | undefined; complete: boolean } {
  const Y = yaml();
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of segments) {
    let next: unknown;
    if (Y.isMap(node)) {
      next = node.items.findLast((pair) => Y.isScalar(pair.key) && String(pair.key.value) === segment)?.value;
    } else if (Y.isSeq(node) && /^\d+$/.test(segment)) {
      next = node.items[Number(segment)];
    }
    if (next === undefined || next === null) return { node, offset, complete: false };
    node = Y.isAlias(next) ? next.resolve(doc) : next;
    offset = rangeStart(node) ?? offset;
  }
  return { node, offset, complete: true };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
