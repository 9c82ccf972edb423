// CSV rows for a Distributed Map's ItemReader (ASL.md §7.8): RFC 4180 quoting ("a ""b""", a
// delimiter or a line break inside quotes), one record at a time so that a caller holds one row,
// never the whole table. Values stay strings, as AWS gives them (recorded: a header row "0,True,{}"
// yields the keys "0", "True" and "{}", and the value 1 comes as "1").
import { AslError } from '../core/errors.js';

export const CSV_DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** One record and the line of the file it starts on (1-based). */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The records of `text`, in order. A line that is wholly empty holds no record (the newline that
 * ends the file, a blank line between rows); a line of spaces is a record of one field, as AWS
 * reads it. An unterminated quoted field fails with States.ItemReaderFailed naming its line.
 */
export function* csvRecords(text: string, delimiter: string, where: string): Generator<CsvRecord> {
  const separator = delimiter.charCodeAt(0);
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (position < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let atLineEnd = false;
    let quoted = false;
    while (!atLineEnd && position <= text.length) {
      if (position === text.length) {
        fields.push(field);
        break;
      }
      const code = text.charCodeAt(position);
      if (code === QUOTE && field === '') {
        const end = closingQuote(text, position + 1);
        if (end < 0) throw malformed(where, start, 'a quoted field is not closed before the end of the file');
        const inner = text.slice(position + 1, end);
        field = inner.replaceAll('""', '"');
        line += countLineBreaks(inner);
        position = end + 1;
        quoted = true;
        continue;
      }
      if (code === separator) {
        fields.push(field);
        field = '';
        position++;
      } else if (code === LF || code === CR) {
        fields.push(field);
        position += code === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
        line++;
        atLineEnd = true;
      } else {
        const next = nextSpecial(text, position, separator);
        field += text.slice(position, next);
        position = next;
      }
    }
    // An empty line carries no record: it is one empty field and nothing else.
    if (fields.length === 1 && fields[0] === '' && !quoted) continue;
    yield { fields, line: start };
  }
}

/** Index of the quote closing a quoted field that opened before `from` ("" is an escaped quote). */
function closingQuote(text: string, from: number): number {
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    if (text.charCodeAt(quote + 1) !== QUOTE) return quote;
    at = quote + 2;
  }
}

/** The next delimiter or line break at or after `from` (a stray quote mid-field is kept as text). */
function nextSpecial(text: string, from: number, separator: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === separator || code === LF || code === CR) return at;
    at++;
  }
  return at;
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === LF || (code === CR && value.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

function malformed(where: string, line: number, reason: string): AslError {
  return new AslError('States.ItemReaderFailed', `The CSV file ${where} is malformed at line ${line}: ${reason}.`);
}

/** The headers a CSV reader uses; AWS refuses duplicates (recorded). */
export function checkHeaders(headers: readonly string[]): void {
  if (new Set(headers).size < headers.length) throw new AslError('States.ItemReaderFailed', 'CSV headers cannot contain duplicates.');
}

/** One row as an item: each header takes its column; extra columns are dropped and missing ones are "" (recorded). */
export function csvItem(headers: readonly string[], fields: readonly string[]): Record<string, string> {
  const item: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) item[headers[i] as string] = fields[i] ?? '';
  return item;
}
