/**
 * JSONata's regular expressions (`$match`, `$contains`, `$split`, `$replace` with a /regex/) on
 * RE2 semantics (the re2js port), so that they run in time linear in the text: a backtracking
 * RegExp such as /(a+)+$/ took 97 s on 30 "a"s, and a native match cannot be interrupted.
 *
 * JSONata 2.x builds a JavaScript RegExp when it parses a /regex/ literal (that only compiles it)
 * and, each time the literal is evaluated, calls `new RegexEngine(thatRegExp)` and drives it with
 * `lastIndex` and `exec` as it would a global RegExp. LinearRegExp is that engine.
 *
 * RE2 has no backreferences (\1, \k<name>) and no lookahead ((?=, (?!); those give a clear error.
 * Lookbehind is supported (re2js's linear-time lookbehinds).
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

interface Re2Module {
  readonly RE2JS: typeof RE2JS;
}

const requireModule = createRequire(import.meta.url);
let re2: Re2Module | undefined;

/** Loaded on first use, like jsonata itself: most runs have no regular expression. */
function loadRe2(): Re2Module {
  return (re2 ??= requireModule('re2js') as Re2Module);
}

/** JSONata evaluates the same literal (the same RegExp object) again and again: compile once. */
const compiled = new WeakMap<RegExp, RE2JS>();

/** What jsonata reads of a match: [0], the groups, `index` and `length`. */
type Match = (string | undefined)[] & { index: number };

export class LinearRegExp {
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(regex: RegExp) {
    this.pattern = compileLinear(regex);
  }

  /** RegExp.prototype.exec of a global regex: searches from lastIndex and moves it past the match. */
  exec(text: string): Match | null {
    if (this.lastIndex > text.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.pattern.matcher(text);
    if (!matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const match: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group++) match.push(matcher.group(group) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(match, { index: matcher.start() });
  }
}

/** Thrown for a regular expression RE2 cannot run; jsonata.ts reports it as States.QueryEvaluationError. */
export class UnsupportedRegexError extends Error {}

/** The RE2 form of a JavaScript regex (flags i and m, as JSONata allows), or UnsupportedRegexError. */
export function compileLinear(regex: RegExp): RE2JS {
  const known = compiled.get(regex);
  if (known) return known;
  const { RE2JS: Re2 } = loadRe2();
  let pattern: RE2JS;
  try {
    pattern = Re2.compile(Re2.translateRegExp(regex), Re2.LOOKBEHINDS);
  } catch (error) {
    throw new UnsupportedRegexError(unsupportedMessage(regex, error instanceof Error ? error.message : String(error)));
  }
  compiled.set(regex, pattern);
  return pattern;
}

/** `undefined` when the regex can run, else why not (for the validator). */
export function linearRegexProblem(regex: RegExp): string | undefined {
  try {
    compileLinear(regex);
    return undefined;
  } catch (error) {
    return error instanceof UnsupportedRegexError ? error.message : String(error);
  }
}

function unsupportedMessage(regex: RegExp, detail: string): string {
  const shown = `/${regex.source}/${regex.flags.replace('g', '')}`;
  const why = 'asl-engine runs regular expressions in linear time, with RE2 syntax (no backreferences, no lookahead)';
  if (/invalid escape sequence: `\\(?:[1-9]|k)/.test(detail)) return `The regular expression ${shown} uses a backreference, which is not supported: ${why}.`;
  if (detail.includes('`(?=') || detail.includes('`(?!')) return `The regular expression ${shown} uses a lookahead, which is not supported: ${why}.`;
  return `The regular expression ${shown} is not supported (${detail.replace(/^error parsing regexp: /, '')}): ${why}.`;
}
