// Items parsed from text that arrives in pieces (a streamed S3 object): JSON Lines and CSV, one
// record at a time and only when asked, so that a reader holds the piece it read last and never
// parses past MaxItems (a malformed row after the last item wanted is never seen, as on AWS).
import type { JsonValue } from '../core/json.js';
import { checkHeaders, csvItem, malformed, readRecord } from './map-reader-csv.js';
import { readerFailed } from './map-reader-parse.js';

/** A pull parser over text fed piece by piece. */
export interface RecordParser {
  /** Appends the next piece of text (called when `next` found no whole record in what it has). */
  feed(text: string): void;
  /** No more text will come: what is left is the last record. */
  end(): void;
  /** The next item, or undefined when what has been fed holds no further whole record. */
  next(): JsonValue | undefined;
}

/** Text left over, plus the new piece: the part already parsed is dropped. */
function remainder(text: string, at: number, piece: string): string {
  return at < text.length ? text.slice(at) + piece : piece;
}

export class JsonLinesParser implements RecordParser {
  private text = '';
  private at = 0;
  private final = false;
  private line = 0;

  constructor(private readonly where: string) {}

  feed(piece: string): void {
    // A byte order mark opens the file, not the first record (the first piece holds at least one character).
    const text = this.line === 0 && this.at === 0 && this.text === '' && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
    this.text = remainder(this.text, this.at, text);
    this.at = 0;
  }

  end(): void {
    this.final = true;
  }

  next(): JsonValue | undefined {
    for (;;) {
      if (this.at >= this.text.length) return undefined;
      let newline = this.text.indexOf('\n', this.at);
      if (newline < 0) {
        if (!this.final) return undefined;
        newline = this.text.length;
      }
      const body = this.text.slice(this.at, newline);
      this.at = newline + 1;
      this.line++;
      // JSON.parse allows the whitespace around a value (a CR before the LF too): no trim needed.
      if (isBlank(body)) continue;
      try {
        return JSON.parse(body) as JsonValue;
      } catch (error) {
        throw readerFailed(`The JSONL file ${this.where} is malformed at line ${this.line}: ${(error as Error).message}`);
      }
    }
  }
}

/** Whether a line holds only JSON whitespace (a blank line between records). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) return false;
  }
  return true;
}

export interface CsvSettings {
  readonly delimiter: string;
  /** FIRST_ROW: the first record names the columns; GIVEN: `headers` do. */
  readonly headerLocation: string;
  readonly headers: readonly string[] | undefined;
}

export class CsvParser implements RecordParser {
  private text = '';
  private at = 0;
  private final = false;
  private line = 1;
  private started = false;
  private headers: readonly string[] | undefined;
  private readonly separator: number;

  constructor(
    private readonly where: string,
    settings: CsvSettings,
  ) {
    this.separator = settings.delimiter.charCodeAt(0);
    if (settings.headerLocation === 'GIVEN') {
      if (settings.headers === undefined) throw readerFailed('ReaderConfig.CSVHeaders must be an array of strings when CSVHeaderLocation is GIVEN.');
      checkHeaders(settings.headers);
      this.headers = settings.headers;
    }
  }

  feed(piece: string): void {
    this.text = remainder(this.text, this.at, piece);
    this.at = 0;
  }

  end(): void {
    this.final = true;
  }

  next(): JsonValue | undefined {
    for (;;) {
      if (!this.started) {
        // A byte order mark opens the file, not the first header.
        if (this.text.length === 0 && !this.final) return undefined;
        if (this.text.charCodeAt(0) === 0xfeff) this.at = 1;
        this.started = true;
      }
      if (this.at >= this.text.length) return undefined;
      const read = readRecord(this.text, this.at, this.separator, this.final);
      if (read === undefined) {
        if (this.final) throw malformed(this.where, this.line, 'a quoted field is not closed before the end of the file');
        return undefined;
      }
      this.at = read.end;
      this.line += read.lineBreaks;
      if (read.fields === undefined) continue;
      if (this.headers === undefined) {
        checkHeaders(read.fields);
        this.headers = read.fields;
        continue;
      }
      return csvItem(this.headers, read.fields);
    }
  }
}
