// ASL.md §4: payload templates (Parameters, ResultSelector, ItemSelector, Credentials, ItemReader
// and ResultWriter Parameters, ItemBatcher BatchInput, and JSONPath Assign). A ".$" key's value is
// a path or an intrinsic call; keys must stay unique once ".$" is stripped.
import type { JsonValue } from '../../core/json.js';
import { looksLikeIntrinsic } from '../../paths/intrinsics/parse.js';
import { isPathLike } from '../../paths/path-syntax.js';
import { type Diagnostic, error, escapePointerSegment as escape, warning } from '../diagnostic.js';
import type { DefinitionModel } from '../model.js';
import { type Analysis, analysisOf } from './analysis.js';
import { type DynamicEntry, entryPointer, type TemplateObject } from './sites.js';

export function checkTemplates(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const analysis = analysisOf(model);
  const entries = analysis.dynamicEntries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as DynamicEntry;
    const problem = dynamicValueProblem(entry.value, analysis);
    if (problem) out.push(error(problem.code, entryPointer(entry), `${entry.root.field} of "${entry.root.node.name}", key "${entry.key}": ${problem.message}`));
  }
  const objects = analysis.templateObjects;
  for (let i = 0; i < objects.length; i++) checkKeys(objects[i] as TemplateObject, out);
  return out;
}

function checkKeys({ root, object, pointer, keys }: TemplateObject, out: Diagnostic[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = object[key];
    const dynamic = key.endsWith('.$');
    const plain = dynamic ? key.slice(0, -2) : key;
    if (seen.has(plain)) {
      out.push(error('SCHEMA_VALIDATION_FAILED', `${pointer}/${escape(key)}`, `${root.field} of "${root.node.name}" has both "${plain}" and "${plain}.$"; keep one.`));
    }
    seen.add(plain);
    if (!dynamic && typeof value === 'string' && (/^\$\$?\./.test(value) || looksLikeIntrinsic(value))) {
      out.push(
        warning('NO_DOLLAR', `${pointer}/${escape(key)}`, `"${key}" holds "${value.slice(0, 60)}", which is passed on as a literal string; name the key "${key}.$" to evaluate it.`),
      );
    }
  }
}

type ValueProblem = { code: 'INVALID_JSONPATH' | 'INVALID_INTRINSIC'; message: string };

function dynamicValueProblem(value: JsonValue, analysis: Analysis): ValueProblem | undefined {
  if (typeof value !== 'string') {
    return { code: 'INVALID_JSONPATH', message: 'the value of a ".$" key must be a path or intrinsic function string; drop ".$" for a literal value.' };
  }
  if (isPathLike(value)) {
    const parsed = analysis.parsePath(value);
    const problem = parsed.ok ? analysis.compileProblem(parsed.path) : parsed.message;
    return problem === undefined ? undefined : { code: 'INVALID_JSONPATH', message: problem };
  }
  if (looksLikeIntrinsic(value)) {
    const problem = analysis.intrinsicProblem(value);
    return problem === undefined ? undefined : { code: 'INVALID_INTRINSIC', message: problem };
  }
  return {
    code: 'INVALID_JSONPATH',
    message: `"${value.slice(0, 60)}" is neither a path ("$.x", "$$.x", "$var") nor an intrinsic function call ("States.Format(...)").`,
  };
}
