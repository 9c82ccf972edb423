// A cheap pre-parse estimate of YAML nesting depth. The `yaml` package recurses while composing:
// past ~800 levels it reports stack overflows, it takes seconds on 100,000 levels, and half a
// million nested "[" (500 KB, under the size limit) exhausts the heap and kills the process.
// So text whose nesting is obviously too deep is rejected before `yaml` ever sees it.

/** "---" or "..." at the start of a line, then a space or the end of the line. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;
/** What `yaml` reads as the name of an anchor or alias, and as a tag. */
const ANCHOR_CHAR = /[^\s,[\]{}]/;
const TAG_CHAR = /[\w\-#;/?:@&=+$.!~*'()%]/;

/**
 * Returns the offset where the estimated depth first exceeds `limit`, or undefined.
 *
 * The estimate aims to be a lower bound of the real depth, so that a real definition is never
 * rejected here (the exact check runs on the parsed document):
 * - flow collections: every "[" / "{" that begins a node, outside quotes, comments and plain text;
 * - block collections: the number of enclosing, less-indented lines that hold a mapping key or
 *   an indicator ("- ", "? ", ": "), plus repeated indicators on one line ("- - - x").
 * Text is skipped: block scalars ("|", ">"), and the lines that continue a multi-line plain
 * scalar, whatever they look like ("k: a\n  - b" is {"k": "a - b"}, "?-\n\n?" is "?-\n?").
 */
export function yamlDepthOverLimit(text: string, limit: number): number | undefined {
  const enclosing: Array<{ indent: number; explicitKey: boolean }> = [];
  let flowDepth = 0;
  let quote = '';
  // A block scalar's header: its explicit indentation indicator ("|2"), or 0 for none. Its text is
  // the lines indented at least as much as its first line (`blockScalarFrom`), as `yaml` reads it.
  let blockScalarHeader: number | undefined;
  let blockScalarFrom: number | undefined;
  let blockDepth = 0;
  // The last non-blank character, and whether it (or the one before it) ended a quoted scalar or
  // flow collection: enough context to tell syntax from text.
  let prev = '';
  let prevClosed = false;
  let prev2Closed = false;
  // Plain scalars continue as `yaml`'s lexer says: on the following lines indented at least its
  // `indentNext`, which indicators and keys set from the column of their node (`nodeColumn`) and
  // which a less-indented line lowers, even a blank one if a line starting in column 0 follows it.
  let indentNext = 0;
  let nodeColumn = 0;
  let lowered = Infinity;
  // Set when the last line ended inside a plain scalar: the indentation that continues it.
  let plainFrom: number | undefined;

  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineStart = start;
    start = end + 1;
    let i = lineStart;
    while (text[i] === ' ') i++;
    const indent = i - lineStart;
    const empty = i >= end || text[i] === '\r';
    const comment = text[i] === '#';
    const inBlock = flowDepth === 0 && quote === '';
    if (empty) {
      if (inBlock && !isSeparator(text[i + 1])) lowered = Math.min(lowered, indent);
      continue;
    }
    const marker = indent === 0 && DOCUMENT_MARKER.test(text.slice(i, i + 4));
    if (blockScalarHeader !== undefined) {
      if (indent >= indentNext) {
        indentNext = blockScalarHeader === 0 ? indent : blockScalarHeader - 1 + Math.max(indentNext, 1);
        blockScalarFrom = indentNext;
      }
      blockScalarHeader = undefined;
    }
    if (blockScalarFrom !== undefined) {
      if (indent >= blockScalarFrom && !(marker && blockScalarFrom === 0)) {
        lowered = Infinity;
        continue;
      }
      blockScalarFrom = undefined;
    }

    // A line that starts outside any flow collection, quoted or plain scalar is block structure.
    const continuing = inBlock && plainFrom !== undefined && indent >= plainFrom && !marker && !comment;
    let structural = false;
    let plainOpen = continuing;
    if (continuing) {
      lowered = Infinity;
    } else if (inBlock) {
      // Inside a flow collection or plain scalar the previous characters carry over; here they do not.
      prev = '';
      prevClosed = false;
      indentNext = Math.min(indentNext, lowered);
      lowered = Infinity;
      if (indentNext > indent && !isSeparator(text[i + 1])) indentNext = indent;
      if (comment) {
        plainFrom = undefined;
        continue;
      }
      while ((enclosing[enclosing.length - 1]?.indent ?? -1) >= indent) enclosing.pop();
      // `yaml` takes ": " indented under "? " as that key's value, not as a nested mapping.
      if (isIndicator(text, i) && text[i] === ':' && enclosing[enclosing.length - 1]?.explicitKey) enclosing.pop();
      nodeColumn = indent;
      if (marker) {
        enclosing.length = 0;
        i += 3;
        while (text[i] === ' ' || text[i] === '\t') i++;
        nodeColumn = indentNext = 0;
      }
      let indicators = 0;
      while (isIndicator(text, i)) {
        indicators++;
        indentNext = nodeColumn + 1;
        i++;
        while (text[i] === ' ' || text[i] === '\t') i++;
        // After "---" `yaml` keeps column 0 as the node's column.
        if (!marker) nodeColumn = i - lineStart;
      }
      structural = indicators > 0;
      blockDepth = enclosing.length + indicators;
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
        plainOpen = false;
        break;
      } else if ((c === '&' || c === '!' || c === '*') && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        // An anchor, tag or alias: a node (or its content, which may be a collection) comes next.
        i = propertyEnd(text, i) - 1;
        prev = '';
        prevClosed = plainOpen = false;
        continue;
      } else if (c === '?' && flowDepth > 0 && isIndicator(text, i) && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        // An explicit key in a flow collection ("[? a : b]"): the key is a node that starts next.
        continue;
      } else if ((c === '"' || c === "'") && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        quote = c;
        plainOpen = false;
      } else if ((c === '[' || c === '{') && (flowDepth > 0 || startsValue(text, i, prev, prev2Closed, flowDepth))) {
        flowDepth++;
        plainOpen = false;
        if (blockDepth + flowDepth > limit) return i;
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
        closed = true;
      } else if (c === ':' && flowDepth === 0 && isSeparator(text[i + 1])) {
        // A mapping key on this line: the mapping is one level below the enclosing lines. After a
        // continued plain scalar, `yaml` reads ": " as a pair of the mapping the scalar is in.
        if (!structural && !continuing) blockDepth = Math.max(blockDepth, enclosing.length + 1);
        structural = true;
        plainOpen = false;
        indentNext = nodeColumn + 1;
      } else if ((c === '|' || c === '>') && flowDepth === 0 && startsValue(text, i, prev, prev2Closed, flowDepth)) {
        blockScalarHeader = Number(/^[|>][+-]*([1-9]?)/.exec(text.slice(i, i + 3))?.[1] || '0');
        plainOpen = false;
        break;
      } else if ((c === ']' || c === '}') && flowDepth === 0 && !plainOpen) {
        // A stray closing bracket: `yaml` reports it and reads on, so a node may start after it.
        prev = '';
        continue;
      } else if (flowDepth === 0 && c !== ' ' && c !== '\t' && c !== '\r') {
        plainOpen = true;
      }
      if (c !== ' ' && c !== '\t' && c !== '\r') {
        prev2Closed = prevClosed;
        prevClosed = closed;
        prev = c;
      }
    }
    if (inBlock && structural && !continuing) {
      const first = lineStart + indent;
      enclosing.push({ indent, explicitKey: text[first] === '?' && isIndicator(text, first) });
    }
    plainFrom = plainOpen && flowDepth === 0 && quote === '' ? indentNext : undefined;
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

/** The end of the anchor ("&a"), alias ("*a") or tag ("!t", "!<t>") that starts at `i`, as `yaml` reads it. */
function propertyEnd(text: string, i: number): number {
  let j = i + 1;
  if (text[i] === '!' && text[j] === '<') {
    while (j < text.length && !isSeparator(text[j]) && text[j] !== '>') j++;
    return text[j] === '>' ? j + 1 : j;
  }
  const nameChar = text[i] === '!' ? TAG_CHAR : ANCHOR_CHAR;
  while (j < text.length && nameChar.test(text[j] as string)) j++;
  return j;
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
  // Block "- " and "? " indicators were consumed at the line start, and flow "? " ones where they
  // start a node: later ones are plain text ("b? [").
  return prev === ':' && /\s/.test(text[i - 1] ?? '');
}
