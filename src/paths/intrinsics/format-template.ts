/**
 * States.Format templates (INTRINSICS.md §2): each unescaped `{}` is a placeholder; `\{`,
 * `\}`, `\'` and `\\` stand for the character itself. Pass the literal's `raw` text (escapes
 * intact) so an escaped `\{\}` is not mistaken for a placeholder.
 */

const ESCAPED = new Set(["'", '{', '}', '\\']);

/** The literal pieces around the placeholders: `'a {} b {}'` → `['a ', ' b ', '']`. */
export function splitFormatTemplate(template: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    const next = template[i + 1];
    if (ch === '\\' && next !== undefined && ESCAPED.has(next)) {
      current += next;
      i++;
    } else if (ch === '{' && next === '}') {
      pieces.push(current);
      current = '';
      i++;
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces;
}

export function countFormatPlaceholders(template: string): number {
  return splitFormatTemplate(template).length - 1;
}
