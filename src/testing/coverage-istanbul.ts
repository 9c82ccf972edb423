// Coverage as Istanbul's coverage-final.json, mapped onto the definition file so nyc/istanbul
// reports and Codecov show it on the `.asl.json` itself: each state is a statement, each scope (the
// top level, a Parallel branch, a Map's ItemProcessor) a function, and each Choice (its rules and
// Default), each Retry list and each Catch list a branch with one location per entry.
import type { ParsedDefinition } from '../definition/source.js';
import type { CoverageModel, ModelItem } from './coverage-model.js';
import type { IstanbulBranch, IstanbulCoverageMap, IstanbulFunction, IstanbulRange } from './istanbul-types.js';

/** The definition as the collector loaded it; `text` is what positions refer to, when known. */
export interface DefinitionSource {
  readonly parsed: ParsedDefinition;
  readonly text: string | undefined;
}

/** Used as the Istanbul path when the collector was given no fileName. */
export const DEFAULT_COVERAGE_FILE = 'definition.asl.json';

export function toIstanbul(model: CoverageModel, source: DefinitionSource, fileName: string | undefined, hitsOf: (key: string) => number): IstanbulCoverageMap {
  const rangeOf = ranges(source);
  const statementMap: Record<string, IstanbulRange> = {};
  const s: Record<string, number> = {};
  model.byKind.states.forEach((item, i) => {
    statementMap[i] = rangeOf(item.pointer);
    s[i] = hitsOf(item.key);
  });
  const fnMap: Record<string, IstanbulFunction> = {};
  const f: Record<string, number> = {};
  model.scopes.forEach((scope, i) => {
    const loc = rangeOf(scope.pointer);
    fnMap[i] = { name: scope.label, decl: loc, loc, line: loc.start.line };
    f[i] = hitsOf(scope.startKey);
  });
  const branchMap: Record<string, IstanbulBranch> = {};
  const b: Record<string, number[]> = {};
  // Per state, in the order the states were listed: its Choice rules, then its Retry, then its Catch.
  for (const { pointer } of model.states) {
    for (const kind of ['choiceRules', 'retriers', 'catchers'] as const) {
      const entries = model.byKind[kind].filter((item) => ownedBy(item, pointer));
      if (entries.length === 0) continue;
      const id = Object.keys(branchMap).length;
      const loc = rangeOf(pointer);
      // Reporters treat every branch type alike; 'switch' fits a list of alternatives.
      branchMap[id] = { loc, type: 'switch', locations: entries.map((item) => rangeOf(item.pointer)), line: loc.start.line };
      b[id] = entries.map((item) => hitsOf(item.key));
    }
  }
  const path = fileName ?? DEFAULT_COVERAGE_FILE;
  return { [path]: { path, statementMap, fnMap, branchMap, s, f, b } };
}

/** Rule, retrier and catcher keys are `<state pointer>/(Choices|Retry|Catch)/<i>` or `/Default`. */
function ownedBy(item: ModelItem, statePointer: string): boolean {
  const rest = item.key.startsWith(statePointer) ? item.key.slice(statePointer.length) : '';
  return /^\/(?:(?:Choices|Retry|Catch)\/\d+|Default)$/.test(rest);
}

/**
 * The range of the node a pointer names: from where its value starts to the end of that line
 * (Istanbul columns are 0-based), or one column wide when the text is not known.
 */
function ranges(source: DefinitionSource): (pointer: string) => IstanbulRange {
  const lines = source.text?.split(/\r\n|\r|\n/);
  return (pointer) => {
    const at = source.parsed.locate(pointer) ?? { line: 1, column: 1 };
    const start = { line: at.line, column: at.column - 1 };
    const text = lines?.[at.line - 1];
    const end = text === undefined ? start.column + 1 : Math.max(start.column + 1, [...text].length);
    return { start, end: { line: at.line, column: end } };
  };
}
