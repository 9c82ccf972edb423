// A cheap pre-parse estimate of YAML nesting depth. The `yaml` package recurses while composing:
// past ~800 levels it reports stack overflows, it takes seconds on 100,000 levels, and half a
// million nested "[" (500 KB, under the size limit) exhausts the heap and kills the process.
// So text whose nesting is obviously too deep is rejected before `yaml` ever sees it.

/**
 * Returns the offset where the estimated depth first exceeds `limit`, or undefined.
 *
 * The estimate aims to be a lower bound of the real depth, so that a real definition is never
 * rejected here (the exact check runs on the parsed document):
 * - flow collections: every "[" / "{" outside quotes and comments, counted exactly;
 * - block collections: the number of enclosing, less-indented lines that hold a mapping key or
 *   an indicator ("- ", "? ", ": "), plus repeated indicators on one line ("- - - x").
 * Block scalars ("|", ">") are skipped, as their text is not structure.
 */
export function yamlDepthOverLimit(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let quote = '';
  let blockScalarParent: number | undefined;
  let blockDepth = 0;
  // The last non-blank character, and whether it (or the one before it) ended a quoted scalar or
  // flow collection: enough context to tell syntax from text.
  let prev = '';
  let prevClosed = false;
  let prev2Closed = false;

  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineStart = start;
    start = end + 1;
    let i = lineStart;
    while (text[i] === ' ') i++;
    const indent = i - lineStart;
    const blank = i >= end || text[i] === '\r' || text[i] === '#';
    if (blockScalarParent !== undefined) {
      if (blank || indent > blockScalarParent) continue;
      blockScalarParent = undefined;
    }

    // A line that starts outside any flow collection or quoted scalar is block structure.
    const inBlock = flowDepth === 0 && quote === '';
    let structural = false;
    if (inBlock) {
      // Inside a flow collection the previous characters carry over: a line may continue a plain scalar.
      prev = '';
      prevClosed = false;
      if (blank) continue;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      if (indent === 0 && /^(?:---|\.\.\.)(?:[ \t\r]|$)/.test(text.slice(i, i + 4))) {
        indents.length = 0;
        i += 3;
        while (text[i] === ' ' || text[i] === '\t') i++;
      }
      let indicators = 0;
      while (isIndicator(text, i)) {
        indicators++;
        i++;
        while (text[i] === ' ' || text[i] === '\t') i++;
      }
      structural = indicators > 0;
      blockDepth = indents.length + indicators;
      if (blockDepth > limit) return lineStart + indent;
    }

    for (; i < end; i++) {
      const c = text[i] as string;
      let closed = false;
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') {
          quote = '';
          closed = true;
        }
      } else if (quote === "'") {
        if (c === "'" && text[i + 1] === "'") i++;
        else if (c === "'") {
          quote = '';
          closed = true;
        }
      } else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1] ?? ''))) {
        break;
      } else if ((c === '"' || c === "'") && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        quote = c;
      } else if ((c === '[' || c === '{') && (flowDepth > 0 || startsValue(text, i, prev, prev2Closed, flowDepth))) {
        flowDepth++;
        if (blockDepth + flowDepth > limit) return i;
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
        closed = true;
      } else if (c === ':' && flowDepth === 0 && isSeparator(text[i + 1])) {
        // A mapping key on this line: the mapping is one level below the enclosing lines.
        if (!structural) blockDepth = Math.max(blockDepth, indents.length + 1);
        structural = true;
      } else if ((c === '|' || c === '>') && flowDepth === 0 && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        // Its text runs while lines are indented past the node that owns it: this line's key or
        // indicator, else the enclosing line (-1 at the root, where text may start in column 0).
        blockScalarParent = structural ? indent : (indents[indents.length - 1] ?? -1);
        break;
      }
      if (c !== ' ' && c !== '\t' && c !== '\r') {
        prev2Closed = prevClosed;
        prevClosed = closed;
        prev = c;
      }
    }
    if (inBlock && structural) indents.push(indent);
  }
  return undefined;
}

/** "-", "?" or ":" followed by a space or the end of the line. */
function isIndicator(text: string, i: number): boolean {
  const c = text[i];
  return (c === '-' || c === '?' || c === ':') && isSeparator(text[i + 1]);
}

function isSeparator(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Whether the character at `i` begins a node (so a quote or bracket there is syntax, not text).
 * `prev` is the last non-blank character before it; `keyClosed`, whether the one before `prev` ended
 * a quoted scalar or a flow collection.
 */
function startsValue(text: string, i: number, prev: string, keyClosed: boolean, flowDepth: number): boolean {
  if (prev === '') return true;
  if (flowDepth > 0 && (prev === '[' || prev === '{' || prev === ',')) return true;
  // In flow context a value may touch the ":" after a quoted or bracketed key: {"a":"b"}.
  if (flowDepth > 0 && prev === ':' && keyClosed) return true;
  // Block "- " and "? " indicators were consumed at the line start; later ones are plain text ("b? [").
  const indicator = prev === ':' || (flowDepth > 0 && prev === '?');
  return indicator && /\s/.test(text[i - 1] ?? '');
}
