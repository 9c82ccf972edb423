// Compiles a Distributed Map's ItemReader (ASL.md §7.8): its Parameters (JSONPath) or Arguments
// (JSONata), its ReaderConfig and MaxItemsPath. Validation has already checked the Resource.
import { isJsonObject, type JsonValue } from '../core/json.js';
import { compileJsonataValue } from '../paths/jsonata.js';
import type { CompileCache } from './compile-cache.js';
import { optionalPath, template } from './compile-fields.js';
import type { CompiledItemReader } from './compiled-map-reader.js';
import type { QueryLanguage } from './model.js';

export function compileItemReader(raw: JsonValue | undefined, queryLanguage: QueryLanguage, cache: CompileCache): CompiledItemReader | undefined {
  if (!isJsonObject(raw)) return undefined;
  const resource = typeof raw['Resource'] === 'string' ? raw['Resource'] : '';
  const config = isJsonObject(raw['ReaderConfig']) ? raw['ReaderConfig'] : {};
  const jsonata = queryLanguage === 'JSONata';
  const args = raw['Arguments'];
  return {
    resource,
    action: resource.slice(resource.lastIndexOf(':') + 1),
    parameters: template(raw, 'Parameters', queryLanguage, cache),
    arguments: jsonata && args !== undefined ? compileJsonataValue(args) : undefined,
    config,
    jsonataConfig: jsonata ? compileJsonataValue(config) : undefined,
    maxItemsPath: jsonata ? undefined : optionalPath(config, 'MaxItemsPath', cache),
  };
}
