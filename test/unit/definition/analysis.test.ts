// The per-validation analysis (src/definition/checks/analysis.ts) and the site collectors it uses:
// it must give the checks exactly what they computed for themselves before, once.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { analysisOf } from '../../../src/definition/checks/analysis.js';
import { pathSites } from '../../../src/definition/checks/path-sites.js';
import { entryPointer, templateObjects, templateRoots, walkObjects } from '../../../src/definition/checks/sites.js';
import { buildModel } from '../../../src/definition/model.js';
import { parseIntrinsic } from '../../../src/paths/intrinsics/parse.js';
import { checkIntrinsic } from '../../../src/paths/intrinsics/signatures.js';
import { pathCompileProblem } from '../../../src/paths/jsonpath.js';
import { parsePath } from '../../../src/paths/path-syntax.js';

const model = (definition: JsonObject) => buildModel(definition, 'STANDARD');

const MACHINE: JsonObject = {
  StartAt: 'A',
  States: {
    A: {
      Type: 'Pass',
      InputPath: '$.in',
      Parameters: { 'x.$': '$.a', 'y/z': { 'w.$': '$$.Execution.Id', 'v~': { 'u.$': '$.b' } }, lit: 1, 'x2.$': '$.a' },
      ResultPath: '$.r',
      Assign: { 'n.$': '$.n' },
      Next: 'C',
    },
    C: {
      Type: 'Choice',
      Choices: [{ Variable: '$n', NumericEqualsPath: '$.limit', Next: 'D', Assign: { m: 1 } }],
      Default: 'D',
    },
    D: { Type: 'Fail', ErrorPath: "States.Format('{}', $.e)", CausePath: '$.c' },
  },
};

describe('analysisOf', () => {
  it('is built once per model and its parts once per analysis', () => {
    const m = model(MACHINE);
    const analysis = analysisOf(m);
    expect(analysisOf(m)).toBe(analysis);
    expect(analysisOf(model(MACHINE))).not.toBe(analysis);
    expect(analysis.pathSites).toBe(analysis.pathSites);
    expect(analysis.templateObjects).toBe(analysis.templateObjects);
    expect(analysis.dynamicEntries).toBe(analysis.dynamicEntries);
  });

  it('parses each distinct text once and answers as the parsers do', () => {
    const analysis = analysisOf(model(MACHINE));
    for (const text of ['$.a', '$.a[?(@.b > 1)]', '$.a[?(@.b =~ /x/)]', '$..x', '$.', '$x.y', '$$.Task.Token']) {
      const parsed = analysis.parsePath(text);
      expect(analysis.parsePath(text)).toBe(parsed);
      expect(parsed).toEqual(parsePath(text));
      if (parsed.ok) expect(analysis.compileProblem(parsed.path)).toBe(pathCompileProblem(text));
    }
    for (const text of ["States.Format('{}', $.a)", 'States.Nope()', 'States.Format(', 'States.MathAdd(1)']) {
      const parsed = parseIntrinsic(text);
      expect(analysis.parseIntrinsic(text)).toBe(analysis.parseIntrinsic(text));
      expect(analysis.intrinsicProblem(text)).toBe(parsed.ok ? checkIntrinsic(parsed.call)[0] : parsed.message);
    }
  });

  it('lists the paths a value reads, nested intrinsic arguments included', () => {
    const analysis = analysisOf(model(MACHINE));
    const texts = (text: string) => analysis.pathsReadBy(text).map((p) => p.text).sort();
    expect(texts('$v.x')).toEqual(['$v.x']);
    expect(texts("States.Array($a, States.Format('{}', $$.b, $c), 1)")).toEqual(['$$.b', '$a', '$c']);
    expect(texts('not a path')).toEqual([]);
    expect(texts('$.a b')).toEqual([]);
  });

  it('collects the Assign names per scope and the transitions per state', () => {
    const m = model(MACHINE);
    const analysis = analysisOf(m);
    expect([...(analysis.assignedIn(m.scopes[0]!) ?? [])].sort()).toEqual(['m', 'n']);
    const a = m.states[0]!;
    expect(analysis.assignSitesOf(a).map((s) => [s.name, s.pointer])).toEqual([['n', '/States/A/Assign/n.$']]);
    expect(analysis.assignSitesOf(m.states[2]!)).toEqual([]);
    expect(analysis.transitionsOf(m.states[1]!).map((t) => [t.target, t.pointer])).toEqual([
      ['D', '/States/C/Default'],
      ['D', '/States/C/Choices/0/Next'],
    ]);
    expect(analysis.transitionsOf(a)).toBe(analysis.transitionsOf(a));
  });
});

describe('template and path sites', () => {
  it('visits template objects in walkObjects order with escaped pointers', () => {
    const m = model(MACHINE);
    const walked: string[] = [];
    const parameters = (MACHINE['States'] as JsonObject)['A'] as JsonObject;
    walkObjects(parameters['Parameters'] as JsonObject, '/States/A/Parameters', (_object, pointer) => walked.push(pointer));
    const objects = templateObjects(m).filter((o) => o.root.field === 'Parameters');
    expect(objects.map((o) => o.pointer)).toEqual(walked);
    expect(walked).toEqual(['/States/A/Parameters', '/States/A/Parameters/y~1z', '/States/A/Parameters/y~1z/v~0']);
    expect(objects.every((o) => o.keys.join() === Object.keys(o.object).join())).toBe(true);
  });

  it('lists the ".$" entries with their pointers, in template order', () => {
    const entries = analysisOf(model(MACHINE)).dynamicEntries;
    expect(entries.map((e) => [e.root.field, entryPointer(e), e.value])).toEqual([
      ['Parameters', '/States/A/Parameters/x.$', '$.a'],
      ['Parameters', '/States/A/Parameters/x2.$', '$.a'],
      ['Parameters', '/States/A/Parameters/y~1z/w.$', '$$.Execution.Id'],
      ['Parameters', '/States/A/Parameters/y~1z/v~0/u.$', '$.b'],
      ['Assign', '/States/A/Assign/n.$', '$.n'],
    ]);
  });

  it('lists only the path fields that are present, in field order', () => {
    expect(pathSites(model(MACHINE)).map((s) => [s.field, s.pointer, s.role])).toEqual([
      ['InputPath', '/States/A/InputPath', 'path'],
      ['ResultPath', '/States/A/ResultPath', 'result'],
      ['Variable', '/States/C/Choices/0/Variable', 'path'],
      ['NumericEqualsPath', '/States/C/Choices/0/NumericEqualsPath', 'path'],
      ['ErrorPath', '/States/D/ErrorPath', 'reference-or-intrinsic'],
      ['CausePath', '/States/D/CausePath', 'reference-or-intrinsic'],
    ]);
  });

  it('keeps the field order of the tables, whatever the order of the state\'s keys', () => {
    const m = model({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F', Assign: { a: 1 }, ResultPath: '$.e' }],
          ResultPath: '$.r',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Arguments: { x: 1 }, Parameters: { y: 1 } },
          ItemBatcher: { BatchInput: { z: 1 } },
          ItemsPath: '$.items',
          Assign: { b: 1 },
          Parameters: { c: 1 },
          InputPath: '$.in',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
        F: { Type: 'Fail' },
      },
    });
    const map = m.states[0]!;
    expect(templateRoots(map).map((r) => r.pointer)).toEqual([
      '/States/M/Parameters',
      '/States/M/Assign',
      '/States/M/ItemReader/Parameters',
      '/States/M/ItemBatcher/BatchInput',
      '/States/M/ItemReader/Arguments',
      '/States/M/Catch/0/Assign',
    ]);
    expect(pathSites(m).map((s) => s.pointer)).toEqual(['/States/M/InputPath', '/States/M/ResultPath', '/States/M/ItemsPath', '/States/M/Catch/0/ResultPath']);
  });

  it('skips JSONata states', () => {
    const m = model({ StartAt: 'A', QueryLanguage: 'JSONata', States: { A: { Type: 'Pass', Output: { 'x.$': '$.a' }, End: true } } });
    expect(templateObjects(m)).toEqual([]);
    expect(pathSites(m)).toEqual([]);
  });
});
