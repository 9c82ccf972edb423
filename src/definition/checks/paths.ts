// ASL.md §3 / VALIDATION.md check 13: every path-valued field of a JSONPath state is a valid Path,
// a Reference Path where a single value is required, and ResultPath never reads $$ or variables.
import { isPathLike, type ParsedPath } from '../../paths/path-syntax.js';
import { looksLikeIntrinsic } from '../../paths/intrinsics/parse.js';
import { type Diagnostic, error } from '../diagnostic.js';
import type { DefinitionModel } from '../model.js';
import { type Analysis, analysisOf } from './analysis.js';
import type { PathRole, PathSite } from './path-sites.js';

export function checkPaths(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const analysis = analysisOf(model);
  const sites = analysis.pathSites;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i] as PathSite;
    const problem = pathProblem(site, analysis);
    if (problem) out.push(error('INVALID_JSONPATH', site.pointer, `${site.field} of "${site.node.name}": ${problem}`));
  }
  return out;
}

function pathProblem(site: PathSite, analysis: Analysis): string | undefined {
  const { text, role } = site;
  if (role === 'reference-or-intrinsic' && looksLikeIntrinsic(text)) return analysis.intrinsicProblem(text);
  if (!isPathLike(text)) {
    const intrinsic = looksLikeIntrinsic(text) ? ' Intrinsic functions are not allowed here.' : '';
    return `"${text}" is not a path; paths start with "$" (for example "$.order.id").${intrinsic}`;
  }
  const parsed = analysis.parsePath(text);
  if (!parsed.ok) return parsed.message;
  return roleProblem(parsed.path, role) ?? analysis.compileProblem(parsed.path);
}

function roleProblem(path: ParsedPath, role: PathRole): string | undefined {
  if (role === 'path') return undefined;
  if (!path.isReference) {
    return `"${path.text}" must be a Reference Path naming a single value: no wildcards, filters, slices, unions or "..".`;
  }
  if (role === 'result' && path.root === 'context') return `"${path.text}" cannot write into the context object ($$); ResultPath must start with "$".`;
  if (role === 'result' && path.root === 'variable') return `"${path.text}" cannot write a variable; use Assign for that.`;
  return undefined;
}
