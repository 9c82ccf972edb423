// What several checks derive from the same model, derived once per validation: the template
// objects and ".$" entries (templates, variables), the path fields (paths, variables), the Assign
// names (assign, variables), the transitions (transitions, reachability), and every path or
// intrinsic call parsed once per distinct text.
// Each check used to rebuild these and re-parse each path up to four times; on a large definition
// that repeated work, run while the code is still cold, was most of the first validation's time.
//
// Each part is built on first use, so a bug in one part fails only the checks that read it (the
// validator's `guarded` reports them), as when each check built its own.
import { compileParsedPath } from '../../paths/jsonpath.js';
import { isPathLike, type PathParseResult, type ParsedPath, parsePath } from '../../paths/path-syntax.js';
import { type IntrinsicArg, type IntrinsicParseResult, parseIntrinsic } from '../../paths/intrinsics/parse.js';
import { compileIntrinsic } from '../../paths/intrinsics/evaluate.js';
import { checkIntrinsic } from '../../paths/intrinsics/signatures.js';
import { type DefinitionModel, type ScopeNode, type StateNode, type Transition, transitionsOf } from '../model.js';
import { type PathSite, pathSites } from './path-sites.js';
import { type AssignSite, assignSites, type DynamicEntry, dynamicEntries, type TemplateObject, templateObjects } from './sites.js';

const NO_SITES: readonly AssignSite[] = [];

export class Analysis {
  private objects: readonly TemplateObject[] | undefined;
  private entries: readonly DynamicEntry[] | undefined;
  private sites: readonly PathSite[] | undefined;
  private assigns: ReadonlyMap<StateNode, readonly AssignSite[]> | undefined;
  private names: ReadonlyMap<ScopeNode, ReadonlySet<string>> | undefined;
  private readonly transitions = new Map<StateNode, readonly Transition[]>();
  private readonly paths = new Map<string, PathParseResult>();
  private readonly compileProblems = new Map<string, string | undefined>();
  private readonly intrinsics = new Map<string, IntrinsicParseResult>();
  private readonly intrinsicProblems = new Map<string, string | undefined>();
  private readonly pathsRead = new Map<string, readonly ParsedPath[]>();

  constructor(private readonly model: DefinitionModel) {}

  /** The objects of the JSONPath states' templates (see sites.ts). */
  get templateObjects(): readonly TemplateObject[] {
    return (this.objects ??= templateObjects(this.model));
  }

  /** The ".$" entries of the JSONPath states' templates. */
  get dynamicEntries(): readonly DynamicEntry[] {
    return (this.entries ??= dynamicEntries(this.templateObjects));
  }

  /** The path-valued fields of the JSONPath states. */
  get pathSites(): readonly PathSite[] {
    return (this.sites ??= pathSites(this.model));
  }

  /** A state's Assign keys (state level, Choice rules, catchers). */
  assignSitesOf(node: StateNode): readonly AssignSite[] {
    if (this.assigns === undefined) {
      // Only the states that assign are kept: most assign nothing.
      const assigns = new Map<StateNode, readonly AssignSite[]>();
      const states = this.model.states;
      for (let i = 0; i < states.length; i++) {
        const state = states[i] as StateNode;
        const sites = assignSites(state);
        if (sites.length > 0) assigns.set(state, sites);
      }
      this.assigns = assigns;
    }
    return this.assigns.get(node) ?? NO_SITES;
  }

  /** The names each scope's own states assign. */
  assignedIn(scope: ScopeNode): ReadonlySet<string> | undefined {
    if (this.names === undefined) {
      const names = new Map<ScopeNode, ReadonlySet<string>>();
      for (const s of this.model.scopes) {
        const assigned = new Set<string>();
        for (let i = 0; i < s.states.length; i++) {
          const sites = this.assignSitesOf(s.states[i] as StateNode);
          for (let j = 0; j < sites.length; j++) assigned.add((sites[j] as AssignSite).name);
        }
        names.set(s, assigned);
      }
      this.names = names;
    }
    return this.names.get(scope);
  }

  /** transitionsOf, once per state (the transitions and reachability checks both walk them). */
  transitionsOf(node: StateNode): readonly Transition[] {
    let list = this.transitions.get(node);
    if (list === undefined) {
      list = transitionsOf(node);
      this.transitions.set(node, list);
    }
    return list;
  }

  /** parsePath, once per distinct text. */
  parsePath(text: string): PathParseResult {
    return memo(this.paths, text, text, parsePath);
  }

  /** Why a parsed path would not compile (pathCompileProblem without parsing it again). */
  compileProblem(path: ParsedPath): string | undefined {
    return memo(this.compileProblems, path.text, path, compileProblemOf);
  }

  /** parseIntrinsic, once per distinct text. */
  parseIntrinsic(text: string): IntrinsicParseResult {
    return memo(this.intrinsics, text, text, parseIntrinsic);
  }

  /** The syntax error or first semantic problem of an intrinsic call, if any. */
  intrinsicProblem(text: string): string | undefined {
    return memo(this.intrinsicProblems, text, this.parseIntrinsic(text), intrinsicProblemOf);
  }

  /** The paths a path-or-intrinsic string reads, including the arguments of nested calls. */
  pathsReadBy(text: string): readonly ParsedPath[] {
    const parsed = isPathLike(text) ? this.parsePath(text) : this.parseIntrinsic(text);
    return memo(this.pathsRead, text, parsed, pathsReadByParsed);
  }
}

// The memoised functions take one argument and capture nothing: a closure per call would
// allocate once per path site, which is what the memo is there to avoid.
function memo<A, T>(cache: Map<string, T>, key: string, arg: A, compute: (arg: A) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  const value = compute(arg);
  cache.set(key, value);
  return value;
}

function compileProblemOf(path: ParsedPath): string | undefined {
  try {
    compileParsedPath(path);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function intrinsicProblemOf(parsed: IntrinsicParseResult): string | undefined {
  if (!parsed.ok) return parsed.message;
  const problem = checkIntrinsic(parsed.call)[0];
  if (problem !== undefined) return problem;
  // What validation accepts must compile (a path argument's filter, say): compile it once here.
  try {
    compileIntrinsic(parsed.call);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function pathsReadByParsed(parsed: PathParseResult | IntrinsicParseResult): readonly ParsedPath[] {
  if (!parsed.ok) return [];
  if ('path' in parsed) return [parsed.path];
  const out: ParsedPath[] = [];
  const stack: IntrinsicArg[] = [...parsed.call.args];
  for (let arg = stack.pop(); arg; arg = stack.pop()) {
    if (arg.kind === 'path') out.push(arg.path);
    else if (arg.kind === 'call') stack.push(...arg.call.args);
  }
  return out;
}

const ANALYSES = new WeakMap<DefinitionModel, Analysis>();

/** The model's analysis, shared by every check of one validation (it lives as long as the model). */
export function analysisOf(model: DefinitionModel): Analysis {
  let analysis = ANALYSES.get(model);
  if (analysis === undefined) {
    analysis = new Analysis(model);
    ANALYSES.set(model, analysis);
  }
  return analysis;
}
