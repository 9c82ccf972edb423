// ReaderConfig values that AWS refuses when the machine is created: they are definition errors
// here too, pointing at the field; JSONata expressions wait for the run.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { validateDefinition } from '../../../src/definition/validate.js';

function withConfig(config: JsonObject, language: 'JSONPath' | 'JSONata' = 'JSONPath'): JsonObject {
  const params = language === 'JSONata' ? { Arguments: { Bucket: 'b', Key: 'k' } } : { Parameters: { Bucket: 'b', Key: 'k' } };
  return {
    QueryLanguage: language,
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config, ...params },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
}

const errors = (config: JsonObject, language?: 'JSONPath' | 'JSONata'): string[] =>
  validateDefinition(withConfig(config, language)).diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.path);

describe('ReaderConfig at create time', () => {
  it('accepts the documented values', () => {
    expect(errors({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'], CSVDelimiter: 'TAB', MaxItems: 100_000_000 })).toEqual([]);
    expect(errors({ InputType: 'JSONL', MaxItemsPath: '$.limit' })).toEqual([]);
  });

  it('refuses unknown enumeration values', () => {
    expect(errors({ InputType: 'XML', CSVDelimiter: 'COLON', CSVHeaderLocation: 'LAST_ROW' })).toEqual([
      '/States/Each/ItemReader/ReaderConfig/CSVDelimiter',
      '/States/Each/ItemReader/ReaderConfig/CSVHeaderLocation',
      '/States/Each/ItemReader/ReaderConfig/InputType',
    ].sort());
  });

  it('needs CSVHeaders, as strings, with GIVEN', () => {
    expect(errors({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' })).toEqual(['/States/Each/ItemReader/ReaderConfig/CSVHeaders']);
    expect(errors({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 1] })).toEqual(['/States/Each/ItemReader/ReaderConfig/CSVHeaders']);
  });

  it('keeps a static MaxItems within 0..100,000,000 and apart from MaxItemsPath', () => {
    expect(errors({ InputType: 'JSON', MaxItems: 100_000_001 })).toEqual(['/States/Each/ItemReader/ReaderConfig/MaxItems']);
    expect(errors({ InputType: 'JSON', MaxItems: -1 })).toEqual(['/States/Each/ItemReader/ReaderConfig/MaxItems']);
    expect(errors({ InputType: 'JSON', MaxItems: 1.5 })).toEqual(['/States/Each/ItemReader/ReaderConfig/MaxItems']);
    expect(errors({ InputType: 'JSON', MaxItems: 2, MaxItemsPath: '$.n' })).toEqual(['/States/Each/ItemReader/ReaderConfig']);
  });

  it('leaves JSONata expressions to the run', () => {
    expect(errors({ InputType: 'JSON', MaxItems: '{% $states.input.n %}' }, 'JSONata')).toEqual([]);
  });
});
