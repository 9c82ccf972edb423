// Validation and compilation read paths the same way (issue 9): every Jayway leniency is accepted
// wherever a path goes, every filter the evaluator cannot run is reported wherever it is written
// (intrinsic arguments and templates inside arrays included), and what validates always compiles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { compileOrThrow, DefinitionError } from '../../../src/definition/compile.js';
import { validateDefinition } from '../../../src/definition/validate.js';

type Site = (text: string) => JsonObject;

const pass = (fields: JsonObject): JsonObject => ({ StartAt: 'S', States: { S: { Type: 'Pass', ...fields, End: true } } });
const task = (fields: JsonObject): JsonObject => ({
  StartAt: 'S',
  States: { S: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...fields, End: true } },
});

/** Every place a general path can be written, each building a whole definition around the text. */
const PATH_SITES: Readonly<Record<string, Site>> = {
  InputPath: (t) => pass({ InputPath: t }),
  OutputPath: (t) => pass({ OutputPath: t }),
  'Parameters .$': (t) => pass({ Parameters: { 'v.$': t } }),
  'nested Parameters .$': (t) => pass({ Parameters: { a: { b: { 'v.$': t } } } }),
  'Parameters .$ inside an array': (t) => pass({ Parameters: { env: [{ Name: 'N', 'Value.$': t }] } }),
  'intrinsic argument': (t) => pass({ Parameters: { 'v.$': `States.Array(${t})` } }),
  'nested intrinsic argument': (t) => pass({ Parameters: { 'v.$': `States.ArrayLength(States.Array(1, ${t}))` } }),
  ResultSelector: (t) => task({ ResultSelector: { 'v.$': t } }),
  'Assign .$': (t) => pass({ Assign: { 'v.$': t } }),
  'Map ItemSelector': (t) => ({
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemSelector: { 'v.$': t }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true } },
  }),
  'Choice Variable': (t) => ({
    StartAt: 'C',
    States: { C: { Type: 'Choice', Choices: [{ Variable: t, IsPresent: true, Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } },
  }),
  'Choice StringEqualsPath': (t) => ({
    StartAt: 'C',
    States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEqualsPath: t, Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } },
  }),
  'Fail CausePath intrinsic': (t) => ({ StartAt: 'F', States: { F: { Type: 'Fail', CausePath: `States.Format('{}', ${t})` } } }),
};

const errorsOf = (definition: JsonValue): string[] =>
  validateDefinition(definition).diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} ${d.path}`);

describe('Jayway leniencies validate and compile in every path site', () => {
  const lenient = ['$.[0].name', '$.items.[?(@.n > 0)]', "$.items.[*].['a', 'b']", '$.a[0]b', '$$.Execution.Name ', '$.items[*]name'];
  for (const [site, build] of Object.entries(PATH_SITES)) {
    it.each(lenient)(`${site}: %j`, (text) => {
      const definition = build(text);
      expect(errorsOf(definition)).toEqual([]);
      expect(() => compileOrThrow(definition)).not.toThrow();
    });
  }

  it.each(['$.a.[0]', '$.a[0]b', '$.a ', ' $.a'])('reference-path fields accept %j too (ResultPath, ItemsPath, SecondsPath)', (text) => {
    const wait: JsonObject = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: text, End: true } } };
    const map: JsonObject = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemsPath: text, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true } },
    };
    for (const definition of [pass({ ResultPath: text }), wait, map]) {
      expect(errorsOf(definition)).toEqual([]);
      expect(() => compileOrThrow(definition)).not.toThrow();
    }
  });
});

describe('an unsupported filter is reported in every path site', () => {
  const unsupported = ['$.a[?(@.x === 1)]', '$.a[?(@.x ~ 1)]', '$.a[?(@.list.length() > 1)]', '$.a[::0]'];
  for (const [site, build] of Object.entries(PATH_SITES)) {
    it.each(unsupported)(`${site}: %j`, (text) => {
      const definition = build(text);
      const errors = errorsOf(definition);
      expect(errors.length).toBe(1);
      expect(errors[0]).toMatch(/^INVALID_(JSONPATH|INTRINSIC) \/States\//);
      // Never a plain Error: compileOrThrow answers with the diagnostics.
      expect(() => compileOrThrow(definition)).toThrow(DefinitionError);
    });
  }

  it('points at the .$ key inside the array', () => {
    const definition = pass({ Parameters: { env: [{ Name: 'A', Value: 'x' }, { Name: 'B', 'Value.$': '$.a[?(@.x === 1)]' }] } });
    expect(errorsOf(definition)).toEqual(['INVALID_JSONPATH /States/S/Parameters/env/1/Value.$']);
  });

  it('reports the issue example, States.Array($.a[?(@.x === 1)]), with the filter position', () => {
    const result = validateDefinition(pass({ Parameters: { 'v.$': 'States.Array($.a[?(@.x === 1)])' } }));
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]?.message).toContain("'===' is not a JSONPath operator; use '==' in filter '@.x === 1' (in a path argument)");
  });
});

describe("a Distributed Map's nested *Path fields", () => {
  const distributed = (reader: JsonObject, batcher: JsonObject): JsonObject => ({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', ...reader }, Parameters: { Bucket: 'b', Key: 'k' } },
        ItemBatcher: batcher,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: { Type: 'Succeed' } } },
        End: true,
      },
    },
  });

  it('accept reference paths, lenient spellings included', () => {
    expect(errorsOf(distributed({ MaxItemsPath: '$.limits.[0] ' }, { MaxItemsPerBatchPath: '$.batch', MaxInputBytesPerBatchPath: '$$.Execution.Input.bytes' }))).toEqual([]);
  });

  it('must name a single value', () => {
    expect(errorsOf(distributed({ MaxItemsPath: '$.limits[*]' }, { MaxItemsPerBatchPath: 'batch', MaxInputBytesPerBatchPath: '$.b[?(@.x === 1)]' })).sort()).toEqual([
      'INVALID_JSONPATH /States/M/ItemBatcher/MaxInputBytesPerBatchPath',
      'INVALID_JSONPATH /States/M/ItemBatcher/MaxItemsPerBatchPath',
      'INVALID_JSONPATH /States/M/ItemReader/ReaderConfig/MaxItemsPath',
    ]);
  });
});

describe('validate and compile agree on arbitrary path-like text', () => {
  const pieces = ['$', '$$', '.', '..', '[', ']', '*', '?(', ')', '@', '.a', 'b', '0', '-1', ':', ',', "'k'", ' ', '==', '===', '>', '1', 'length()', '$v'];
  const pathText = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
  const site = fc.constantFrom(...Object.values(PATH_SITES));

  it('a definition that validates compiles; one that does not is refused with DefinitionError', () => {
    fc.assert(
      fc.property(site, pathText, (build, text) => {
        const definition = build(text);
        const valid = validateDefinition(definition).valid;
        let thrown: unknown;
        try {
          compileOrThrow(definition);
        } catch (error) {
          thrown = error;
        }
        if (valid) expect(thrown, text).toBeUndefined();
        else expect(thrown, text).toBeInstanceOf(DefinitionError);
      }),
      { numRuns: 1500 },
    );
  });
});
