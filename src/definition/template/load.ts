// A state machine out of a SAM or CloudFormation template, as the deploy would make it:
// AWS::Serverless::StateMachine (Definition / DefinitionUri) or AWS::StepFunctions::StateMachine
// (Definition / DefinitionString), with its DefinitionSubstitutions evaluated against the
// template's own resources (template/intrinsics.ts) and applied (substitutions.ts).
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { isJsonObject, jsonDepth, type JsonObject, type JsonValue } from '../../core/json.js';
import { error, escapePointerSegment } from '../diagnostic.js';
import type { StateMachineType } from '../model.js';
import { ParsedDefinition, type SourcePosition } from '../source.js';
import { substituteDefinition, type Substitutions } from '../substitutions.js';
import { NO_VALUE, TemplateResolver } from './intrinsics.js';
import { parseTemplate, TemplateError } from './parse.js';
import { templateWorldSeed } from './world-seed.js';

const STATE_MACHINE_TYPES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);
/** Same bound as parseDefinition's default. */
const MAX_DEPTH = 100;

export interface TemplateLoadOptions {
  /** The template's path: DefinitionUri is relative to its folder, and messages name it. */
  readonly fileName?: string;
  /** Logical id of the state machine; required when the template defines more than one. */
  readonly stateMachine?: string;
  /** Reads a DefinitionUri file (default: from disk). */
  readonly readFile?: (path: string) => string | Promise<string>;
  /** Override DefinitionSubstitutions entries, add new ones, and give template Parameters values. */
  readonly substitutions?: Substitutions;
  /** Where the stack "is"; defaults match createStateMachine's (us-east-1, 123456789012, aws). */
  readonly region?: string;
  readonly accountId?: string;
  readonly partition?: string;
  readonly stackName?: string;
}

export interface TemplateStateMachine {
  readonly logicalId: string;
  /** The template's own type (Type / StateMachineType), when it sets one. */
  readonly type: StateMachineType | undefined;
  /** The definition after substitution; `locate` points into `sourceFile`. */
  readonly definition: ParsedDefinition;
  /** Where the definition came from: Definition (inline), DefinitionUri (a file) or DefinitionString. */
  readonly source: 'Definition' | 'DefinitionUri' | 'DefinitionString';
  /** The file positions refer to: the template, or the DefinitionUri file; undefined for a DefinitionString that is not a `|` block. */
  readonly sourceFile: string | undefined;
  /** Every substitution applied, by name. */
  readonly substitutions: Readonly<Record<string, string>>;
  /** Values that are local guesses (resource types not modelled), worth a warning. */
  readonly notes: readonly string[];
  /**
   * The template's SNS topics and subscriptions, SQS queues, DynamoDB tables, S3 buckets and event
   * buses, named as the definition names them, in the WorldSeed shape: pass it to
   * `createLocalWorld({ seed })` so the machine finds the resources its template declares.
   */
  readonly worldSeed: JsonObject;
}

/**
 * Loads one state machine from a SAM/CloudFormation template (JSON or YAML with short-form tags).
 * Throws TemplateError when the template cannot give one (no state machine, several and none
 * chosen, a DefinitionUri on S3, a value only AWS knows...); definition problems are diagnostics.
 */
export async function loadStateMachineFromTemplate(templateText: string, options: TemplateLoadOptions = {}): Promise<TemplateStateMachine> {
  try {
    return await load(templateText, options);
  } catch (cause) {
    // Every pass over the template recurses; a template nested thousands deep must still not crash.
    if (cause instanceof RangeError) throw new TemplateError(`The template nests too deeply to read (${cause.message})`);
    throw cause;
  }
}

async function load(templateText: string, options: TemplateLoadOptions): Promise<TemplateStateMachine> {
  const template = parseTemplate(templateText);
  const [logicalId, resource] = pickStateMachine(template.value, options.stateMachine);
  const properties = isJsonObject(resource['Properties']) ? resource['Properties'] : {};
  const given = options.substitutions ?? {};
  const resolver = new TemplateResolver(template.value, {
    // A substitution named after a pseudo parameter (`--sub AWS::Region=eu-west-1`) moves the stack too.
    env: {
      region: options.region ?? pseudo(given, 'AWS::Region') ?? 'us-east-1',
      accountId: options.accountId ?? pseudo(given, 'AWS::AccountId') ?? '123456789012',
      partition: options.partition ?? pseudo(given, 'AWS::Partition') ?? 'aws',
    },
    stackName: options.stackName ?? 'local-stack',
    parameters: Object.fromEntries(Object.entries(given).map(([k, v]) => [k, String(v)])),
  });
  const substitutions = definitionSubstitutions(properties['DefinitionSubstitutions'], given, resolver, logicalId);
  const type = machineType(resource['Type'] === 'AWS::Serverless::StateMachine' ? properties['Type'] : properties['StateMachineType'], resolver);
  const base = { logicalId, type, substitutions, notes: resolver.notes, worldSeed: templateWorldSeed(template.value, resolver) };

  const inline = properties['Definition'];
  if (inline !== undefined) {
    const resolved = resolver.resolve(inline);
    if (!isJsonObject(resolved)) throw new TemplateError(`${logicalId}: Definition must be an object (the state machine's definition)`);
    const value = substituteDefinition(resolved, substitutions);
    const at = `/Resources/${escapePointerSegment(logicalId)}/Properties/Definition`;
    const parsed = withDepthCheck(value, (pointer) => template.locate(at + pointer));
    return { ...base, definition: parsed, source: 'Definition', sourceFile: options.fileName };
  }
  const uri = properties['DefinitionUri'] ?? properties['DefinitionS3Location'];
  if (uri !== undefined) {
    const path = typeof uri === 'string' ? uri : undefined;
    if (path === undefined || /^s3:\/\//i.test(path)) {
      throw new TemplateError(`${logicalId}: its definition is in S3 (${JSON.stringify(uri)}); point DefinitionUri at a local file to use it here`);
    }
    const file = options.fileName === undefined || isAbsolute(path) ? path : join(dirname(options.fileName), path);
    let text: string;
    try {
      text = await (options.readFile ?? ((p: string) => readFileFromDisk(p, 'utf8')))(file);
    } catch (cause) {
      throw new TemplateError(`${logicalId}: cannot read DefinitionUri ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    return { ...base, definition: substituteDefinition(text, substitutions, { fileName: file }), source: 'DefinitionUri', sourceFile: file };
  }
  const definitionString = properties['DefinitionString'];
  if (definitionString !== undefined) {
    const text = resolver.resolveString(definitionString, `${logicalId}: DefinitionString`);
    const parsed = substituteDefinition(text, substitutions);
    // A `|` block (plain or under !Sub) keeps its lines in the template: point there. Columns
    // after a Fn::Sub value on the same line are approximate; a JSON string gives no position.
    const at = `/Resources/${escapePointerSegment(logicalId)}/Properties/DefinitionString`;
    const origin = template.blockLiteralOrigin(at) ?? template.blockLiteralOrigin(`${at}/Fn::Sub`);
    if (origin === undefined) return { ...base, definition: parsed, source: 'DefinitionString', sourceFile: undefined };
    const moved = (p: SourcePosition): SourcePosition => ({ line: origin.line + p.line - 1, column: origin.column + p.column - 1 });
    const diagnostics = parsed.diagnostics.map((d) => (d.line === undefined ? d : { ...d, ...moved({ line: d.line, column: d.column ?? 1 }) }));
    const definition = new ParsedDefinition(parsed.value, parsed.format, diagnostics, (pointer) => {
      const position = parsed.locate(pointer);
      return position === undefined ? undefined : moved(position);
    });
    return { ...base, definition, source: 'DefinitionString', sourceFile: options.fileName };
  }
  throw new TemplateError(`${logicalId} has no Definition, DefinitionUri or DefinitionString`);
}

/** The state machines a template defines, by logical id, in template order. */
export function listStateMachines(template: JsonObject): string[] {
  const resources = isJsonObject(template['Resources']) ? template['Resources'] : {};
  return Object.keys(resources).filter((id) => {
    const resource = resources[id];
    return isJsonObject(resource) && typeof resource['Type'] === 'string' && STATE_MACHINE_TYPES.has(resource['Type']);
  });
}

function pickStateMachine(template: JsonObject, wanted: string | undefined): [string, JsonObject] {
  const ids = listStateMachines(template);
  const resources = template['Resources'] as JsonObject;
  const listing = ids.join(', ');
  if (wanted !== undefined) {
    if (ids.includes(wanted)) return [wanted, resources[wanted] as JsonObject];
    const known = ids.length === 0 ? 'it defines none' : `it defines ${listing}`;
    throw new TemplateError(`The template has no state machine "${wanted}": ${known}`);
  }
  if (ids.length === 0) throw new TemplateError('The template defines no state machine (AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)');
  if (ids.length > 1) throw new TemplateError(`The template defines ${ids.length} state machines (${listing}): choose one by its logical id`);
  const id = ids[0] as string;
  return [id, resources[id] as JsonObject];
}

function definitionSubstitutions(raw: JsonValue | undefined, given: Substitutions, resolver: TemplateResolver, logicalId: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Entry by entry, so that a value the caller gives is never evaluated: that is how a value only
  // AWS knows (Fn::ImportValue, a parameter without Default) is supplied.
  const declared = raw === undefined || (isJsonObject(raw) && !isIntrinsic(raw)) ? (raw ?? {}) : resolver.resolve(raw);
  if (!isJsonObject(declared)) throw new TemplateError(`${logicalId}: DefinitionSubstitutions must be an object of names to values`);
  for (const [name, value] of Object.entries(declared)) {
    if (Object.hasOwn(given, name)) continue;
    const resolved = resolver.resolve(value);
    if (resolved === NO_VALUE) continue;
    out[name] = resolver.resolveString(resolved, `${logicalId}: DefinitionSubstitutions "${name}"`);
  }
  for (const [name, value] of Object.entries(given)) out[name] = String(value);
  return out;
}

function isIntrinsic(value: JsonObject): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

function machineType(raw: JsonValue | undefined, resolver: TemplateResolver): StateMachineType | undefined {
  if (raw === undefined) return undefined;
  const value = resolver.resolve(raw);
  if (value === NO_VALUE || typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return upper === 'EXPRESS' || upper === 'STANDARD' ? upper : undefined;
}

function pseudo(given: Substitutions, name: string): string | undefined {
  return Object.hasOwn(given, name) ? String(given[name]) : undefined;
}

function withDepthCheck(value: JsonObject, locate: (pointer: string) => ReturnType<ParsedDefinition['locate']>): ParsedDefinition {
  if (jsonDepth(value, MAX_DEPTH) <= MAX_DEPTH) return new ParsedDefinition(value, 'json', [], locate);
  const tooDeep = error('TOO_DEEPLY_NESTED', '', `The definition nests more than ${MAX_DEPTH} levels deep.`);
  return new ParsedDefinition(undefined, 'json', [tooDeep], locate);
}
