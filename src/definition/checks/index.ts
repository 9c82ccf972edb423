// The semantic checks, run in this order after the schema pass. Each is a pure function of the
// model returning diagnostics; adding a rule means adding a file and a line here. What several
// checks need (path sites, templates, parsed paths...) comes from analysis.ts, built once.
//
// The per-state loops index rather than use for...of: a validation usually runs once, before V8
// optimises anything, and unoptimised for...of allocates an iterator result per step; on a
// 1,000-state definition that garbage alone cost more than some checks' own work.
import type { Diagnostic } from '../diagnostic.js';
import type { DefinitionModel } from '../model.js';
import { checkAssign } from './assign.js';
import { checkChoiceRules } from './choice-rules.js';
import { checkExclusiveFields } from './exclusive-fields.js';
import { checkJsonata } from './jsonata.js';
import { checkMaps } from './map.js';
import { checkNextOrEnd } from './next-end.js';
import { checkPassResult } from './pass-result.js';
import { checkPaths } from './paths.js';
import { checkQueryLanguage } from './query-language.js';
import { checkReachability } from './reachability.js';
import { checkResources } from './resource.js';
import { checkRetryCatch } from './retry-catch.js';
import { checkStateNames } from './state-names.js';
import { checkTemplates } from './templates.js';
import { checkTiming } from './timing.js';
import { checkTransitions } from './transitions.js';
import { checkVariableReferences } from './variables.js';

export type Check = (model: DefinitionModel) => Diagnostic[];

export const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ['state-names', checkStateNames],
  ['transitions', checkTransitions],
  ['reachability', checkReachability],
  ['next-end', checkNextOrEnd],
  ['exclusive-fields', checkExclusiveFields],
  ['choice-rules', checkChoiceRules],
  ['retry-catch', checkRetryCatch],
  ['timing', checkTiming],
  ['query-language', checkQueryLanguage],
  ['paths', checkPaths],
  ['templates', checkTemplates],
  ['jsonata', checkJsonata],
  ['assign', checkAssign],
  ['variables', checkVariableReferences],
  ['resource', checkResources],
  ['map', checkMaps],
  ['pass-result', checkPassResult],
];
