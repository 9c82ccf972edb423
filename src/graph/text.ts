// Text helpers shared by the builder and both renderers: every label goes through `visibleText`
// before a renderer escapes it, so control characters never reach Mermaid, DOT or the SVG they make.

/** Names, rules and expressions longer than this are cut with an ellipsis in edge labels. */
export const MAX_LABEL = 60;

// C0 controls except \n (handled as a line break), DEL and the C1 block: invisible, and some are
// not even allowed in the XML an SVG is. Shown as Unicode "control pictures" (U+2400 block) instead.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The text as it should be shown: CRLF, CR and the Unicode line/paragraph separators become "\n"
 * (a line break in both formats), tabs become spaces, other control characters become visible.
 */
export function visibleText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? '\u2421' : '\ufffd';
    });
}

/** Whitespace runs (newlines included) as one space: for one-line labels such as rule text. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points, so a surrogate pair is never split), with "…" when cut. */
export function truncate(text: string, max: number = MAX_LABEL): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max - 1).join('') + '…';
}
