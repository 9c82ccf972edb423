// CONTRACT: a Distributed Map's ItemReader as the runtime consumes it (ASL.md §7.8). The reader's
// request and ReaderConfig are evaluated per visit, so only their compiled forms are kept here;
// the runtime (states/map-reader.ts) checks the values AWS checks at run time.
import type { JsonObject } from '../core/json.js';
import type { CompiledJsonataValue, CompiledPath, CompiledTemplate } from '../paths/evaluate-types.js';

export interface CompiledItemReader {
  /** The Resource as written (arn:aws:states:::s3:getObject or ...:s3:listObjectsV2). */
  readonly resource: string;
  /** The S3 action named by the resource: 'getObject' or 'listObjectsV2' (validated). */
  readonly action: string;
  /** JSONPath: Parameters, evaluated on the Map's effective input. */
  readonly parameters: CompiledTemplate | undefined;
  /** JSONata: Arguments, evaluated with $states.input = the Map's input. */
  readonly arguments: CompiledJsonataValue | undefined;
  /** ReaderConfig as written ({} when absent). */
  readonly config: JsonObject;
  /** JSONata: the ReaderConfig with its {% %} expressions (MaxItems may be one). */
  readonly jsonataConfig: CompiledJsonataValue | undefined;
  /** JSONPath: ReaderConfig.MaxItemsPath. */
  readonly maxItemsPath: CompiledPath | undefined;
}
