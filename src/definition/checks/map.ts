// ASL.md §7.8: Map and Distributed Map fields.
import { isJsonObject, type JsonObject } from '../../core/json.js';
import { isJsonataExpression } from '../../paths/jsonata-syntax.js';
import { type Diagnostic, error, warning } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';
import { checkReaderConfig } from './map-reader.js';

const DISTRIBUTED_ONLY = ['ItemReader', 'ItemBatcher', 'ResultWriter', 'Label'];
const TOLERATED = ['ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'];
const MAX_LABEL_LENGTH = 40;
/** Characters AWS rejects in Map Run labels (the execution-name rules, LIMITS.md §4). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what AWS forbids here
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
const MAX_BATCH_BYTES = 262_144;

export function checkMaps(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    if (node.type !== 'Map') continue;
    const processor = node.raw['ItemProcessor'] ?? node.raw['Iterator'];
    const config = isJsonObject(processor) && isJsonObject(processor['ProcessorConfig']) ? processor['ProcessorConfig'] : {};
    const distributed = config['Mode'] === 'DISTRIBUTED';
    if (distributed && config['ExecutionType'] === undefined) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/ItemProcessor/ProcessorConfig`, `Distributed Map "${node.name}" needs ProcessorConfig.ExecutionType: "STANDARD" or "EXPRESS".`));
    }
    if (!distributed) {
      for (const field of DISTRIBUTED_ONLY) {
        if (node.raw[field] !== undefined) {
          out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/${field}`, `${field} is only supported by a Distributed Map; set ItemProcessor.ProcessorConfig.Mode to "DISTRIBUTED" on "${node.name}".`));
        }
      }
      for (const field of TOLERATED) {
        if (node.raw[field] !== undefined) {
          out.push(warning('SCHEMA_VALIDATION_FAILED', `${node.pointer}/${field}`, `${field} applies to Distributed Maps; AWS may reject it on the inline Map "${node.name}".`));
        }
      }
    }
    checkLabel(node, out);
    checkJsonataItems(node, out);
    if (isJsonObject(node.raw['ItemBatcher'])) checkBatcher(node, node.raw['ItemBatcher'], out);
    checkS3Resource(node, 'ItemReader', ['getObject', 'listObjectsV2'], out);
    checkReaderConfig(node, out);
    checkS3Resource(node, 'ResultWriter', ['putObject'], out);
    if (isJsonObject(node.raw['ResultWriter'])) checkWriterConfig(node, node.raw['ResultWriter'], out);
  }
  return out;
}

/** JSONATA.md §2: Items is an array or a {% %} expression; any other string can never be an array. */
function checkJsonataItems(node: StateNode, out: Diagnostic[]): void {
  const items = node.raw['Items'];
  if (node.queryLanguage !== 'JSONata' || typeof items !== 'string' || isJsonataExpression(items)) return;
  out.push(
    error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/Items`, `Items of "${node.name}" must be an array or a JSONata expression such as "{% $states.input.items %}", not the plain string "${items.slice(0, 60)}".`),
  );
}

function checkLabel(node: StateNode, out: Diagnostic[]): void {
  const label = node.raw['Label'];
  if (typeof label !== 'string') return;
  if ([...label].length > MAX_LABEL_LENGTH || label.length === 0 || LABEL_FORBIDDEN.test(label)) {
    out.push(error('INVALID_LABEL_NAME', `${node.pointer}/Label`, `Label of "${node.name}" must be 1 to ${MAX_LABEL_LENGTH} characters without whitespace or any of < > { } [ ] ? * " # % \\ ^ | ~ \` $ & , ; : /.`));
  }
}

function checkBatcher(node: StateNode, batcher: JsonObject, out: Diagnostic[]): void {
  const pointer = `${node.pointer}/ItemBatcher`;
  const limits = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
  if (!limits.some((field) => batcher[field] !== undefined)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `ItemBatcher of "${node.name}" needs MaxItemsPerBatch or MaxInputBytesPerBatch.`));
  }
  const bytes = batcher['MaxInputBytesPerBatch'];
  if (typeof bytes === 'number' && (bytes < 1 || bytes > MAX_BATCH_BYTES || !Number.isInteger(bytes))) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/MaxInputBytesPerBatch`, `MaxInputBytesPerBatch must be an integer from 1 to ${MAX_BATCH_BYTES}.`));
  }
  const items = batcher['MaxItemsPerBatch'];
  if (typeof items === 'number' && (items < 1 || !Number.isInteger(items))) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/MaxItemsPerBatch`, `MaxItemsPerBatch must be a positive integer.`));
  }
}

function checkS3Resource(node: StateNode, field: string, actions: string[], out: Diagnostic[]): void {
  const section = node.raw[field];
  if (!isJsonObject(section)) return;
  const resource = section['Resource'];
  // A ResultWriter with only a WriterConfig reshapes the Map's result without writing to S3.
  if (resource === undefined && field === 'ResultWriter' && isJsonObject(section['WriterConfig'])) return;
  if (typeof resource !== 'string') {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${node.pointer}/${field}`, `${field} of "${node.name}": These fields are required: [Resource]`));
    return;
  }
  const ok = actions.some((action) => new RegExp(`^arn:aws[a-z-]*:states:::s3:${action}$`).test(resource));
  if (!ok) {
    const expected = actions.map((a) => `arn:aws:states:::s3:${a}`).join(' or ');
    out.push(error('INVALID_RESOURCE', `${node.pointer}/${field}/Resource`, `${field} Resource of "${node.name}" must be ${expected}.`));
  }
}

const WRITER_CONFIG_VALUES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Transformation', ['NONE', 'COMPACT', 'FLATTEN']],
  ['OutputType', ['JSON', 'JSONL']],
];

function checkWriterConfig(node: StateNode, writer: JsonObject, out: Diagnostic[]): void {
  const config = writer['WriterConfig'];
  if (config === undefined) return;
  const pointer = `${node.pointer}/ResultWriter/WriterConfig`;
  if (!isJsonObject(config)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `WriterConfig of "${node.name}" must be an object.`));
    return;
  }
  for (const [field, allowed] of WRITER_CONFIG_VALUES) {
    const value = config[field];
    if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/${field}`, `WriterConfig.${field} of "${node.name}" must be one of ${allowed.join(', ')}.`));
    }
  }
}
