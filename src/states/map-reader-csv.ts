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
    const read = readRecord(text, position, separator, true);
    if (read === undefined) throw malformed(where, line, 'a quoted field is not closed before the end of the file');
    const start = line;
    position = read.end;
    line += read.lineBreaks;
    if (read.fields !== undefined) yield { fields: read.fields, line: start };
  }
}

/** One record read from `text` at a position: its fields (undefined for an empty line), where it ends, and the line breaks it spans. */
export interface RecordRead {
  readonly fields: string[] | undefined;
  readonly end: number;
  readonly lineBreaks: number;
}

/**
 * The record starting at `position`, or undefined when `text` does not hold all of it: it runs to
 * the end of a text that is not `final` (more may follow), or a quoted field is not closed (in a
 * final text: a malformed file). A streamed reader calls it on the text read so far.
 */
export function readRecord(text: string, position: number, separator: number, final: boolean): RecordRead | undefined {
  const fields: string[] = [];
  let at = position;
  let lineBreaks = 0;
  let field = '';
  let quoted = false;
  for (;;) {
    if (at === text.length) {
      if (!final) return undefined;
      fields.push(field);
      break;
    }
    const code = text.charCodeAt(at);
    if (code === QUOTE && field === '') {
      // A quote that ends the text read so far may be the first of an escaped pair (""): the
      // record is not whole anyway until its line break, which is read with the rest.
      const end = closingQuote(text, at + 1);
      if (end < 0) return undefined;
      const inner = text.slice(at + 1, end);
      field = inner.replaceAll('""', '"');
      lineBreaks += countLineBreaks(inner);
      at = end + 1;
      quoted = true;
      continue;
    }
    if (code === separator) {
      fields.push(field);
      field = '';
      at++;
    } else if (code === LF || code === CR) {
      // A CR that ends the text read so far may be the first half of a CRLF.
      if (code === CR && at + 1 === text.length && !final) return undefined;
      fields.push(field);
      at += code === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      lineBreaks++;
      break;
    } else {
      const next = nextSpecial(text, at, separator);
      field += text.slice(at, next);
      at = next;
    }
  }
  // An empty line carries no record: it is one empty field and nothing else.
  const empty = fields.length === 1 && fields[0] === '' && !quoted;
  return { fields: empty ? undefined : fields, end: at, lineBreaks };
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

export function malformed(where: string, line: number, reason: string): AslError {
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
