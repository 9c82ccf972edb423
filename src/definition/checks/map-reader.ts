// ASL.md §7.8: a Distributed Map's ItemReader.ReaderConfig, checked where AWS checks it, at create
// time: the enumerations, CSVHeaders with GIVEN, and MaxItems within 0..100,000,000. A {% %}
// value (JSONata) is left for the run.
import { isJsonObject, type JsonValue } from '../../core/json.js';
import { isJsonataExpression } from '../../paths/jsonata-syntax.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { StateNode } from '../model.js';

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  InputType: ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'],
  CSVHeaderLocation: ['FIRST_ROW', 'GIVEN'],
  CSVDelimiter: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'],
  Transformation: ['NONE', 'LOAD_AND_FLATTEN'],
};
const MAX_ITEMS = 100_000_000;

const dynamic = (value: JsonValue | undefined): boolean => typeof value === 'string' && isJsonataExpression(value);

export function checkReaderConfig(node: StateNode, out: Diagnostic[]): void {
  const reader = node.raw['ItemReader'];
  if (!isJsonObject(reader) || !isJsonObject(reader['ReaderConfig'])) return;
  const config = reader['ReaderConfig'];
  const pointer = `${node.pointer}/ItemReader/ReaderConfig`;
  for (const [field, choices] of Object.entries(CHOICES)) {
    const value = config[field];
    if (value === undefined || dynamic(value) || (typeof value === 'string' && choices.includes(value))) continue;
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/${field}`, `ReaderConfig.${field} of "${node.name}" must be one of ${choices.join(', ')}, not ${JSON.stringify(value)}.`));
  }
  const headers = config['CSVHeaders'];
  if (headers !== undefined && !dynamic(headers) && !(Array.isArray(headers) && headers.every((h) => typeof h === 'string'))) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/CSVHeaders`, `ReaderConfig.CSVHeaders of "${node.name}" must be an array of strings.`));
  }
  if (config['CSVHeaderLocation'] === 'GIVEN' && headers === undefined) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/CSVHeaders`, `ReaderConfig of "${node.name}" says CSVHeaderLocation GIVEN: it needs CSVHeaders.`));
  }
  const maxItems = config['MaxItems'];
  if (maxItems !== undefined && !dynamic(maxItems) && !(typeof maxItems === 'number' && Number.isInteger(maxItems) && maxItems >= 0 && maxItems <= MAX_ITEMS)) {
    out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/MaxItems`, `ReaderConfig.MaxItems of "${node.name}" must be an integer from 0 to ${MAX_ITEMS}.`));
  }
  if (maxItems !== undefined && config['MaxItemsPath'] !== undefined) {
    out.push(error('SCHEMA_VALIDATION_FAILED', pointer, `ReaderConfig of "${node.name}" may have MaxItems or MaxItemsPath, not both.`));
  }
}
