// The Distributed Map's ItemBatcher and ResultWriter, compiled once (ASL.md §7.8). Validation has
// already checked their shapes; here they only become the runtime's pre-compiled form.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { compileJsonataValue } from '../paths/jsonata.js';
import type { CompileCache } from './compile-cache.js';
import { optionalNumber, optionalPath, optionalString, template } from './compile-fields.js';
import type { CompiledItemBatcher, CompiledResultWriter } from './compiled.js';
import type { QueryLanguage } from './model.js';

export function compileItemBatcher(raw: JsonObject, ql: QueryLanguage, cache: CompileCache): CompiledItemBatcher | undefined {
  const batcher = raw['ItemBatcher'];
  if (!isJsonObject(batcher)) return undefined;
  const jsonata = ql === 'JSONata';
  return {
    maxItems: optionalNumber(batcher, 'MaxItemsPerBatch'),
    maxItemsPath: optionalPath(batcher, 'MaxItemsPerBatchPath', cache),
    maxBytes: optionalNumber(batcher, 'MaxInputBytesPerBatch'),
    maxBytesPath: optionalPath(batcher, 'MaxInputBytesPerBatchPath', cache),
    batchInput: template(batcher, 'BatchInput', ql, cache),
    jsonata: jsonata
      ? {
          ...expression(batcher['MaxItemsPerBatch'], 'maxItems'),
          ...expression(batcher['MaxInputBytesPerBatch'], 'maxBytes'),
          ...expression(batcher['BatchInput'], 'batchInput'),
        }
      : undefined,
  };
}

export function compileResultWriter(raw: JsonObject, ql: QueryLanguage, cache: CompileCache): CompiledResultWriter | undefined {
  const writer = raw['ResultWriter'];
  if (!isJsonObject(writer)) return undefined;
  const config = isJsonObject(writer['WriterConfig']) ? writer['WriterConfig'] : {};
  const transformation = config['Transformation'];
  const args = writer['Arguments'];
  return {
    resource: optionalString(writer, 'Resource'),
    parameters: template(writer, 'Parameters', ql, cache),
    arguments: ql === 'JSONata' && args !== undefined ? compileJsonataValue(args) : undefined,
    outputType: config['OutputType'] === 'JSONL' ? 'JSONL' : 'JSON',
    transformation: transformation === 'NONE' || transformation === 'COMPACT' || transformation === 'FLATTEN' ? transformation : undefined,
  };
}

function expression<K extends string>(value: JsonValue | undefined, key: K): Partial<Record<K, ReturnType<typeof compileJsonataValue>>> {
  return value === undefined ? {} : ({ [key]: compileJsonataValue(value) } as Partial<Record<K, ReturnType<typeof compileJsonataValue>>>);
}
