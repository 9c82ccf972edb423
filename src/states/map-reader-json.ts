// A JSON ItemReader's document streamed when it is a top-level array (the common case: no
// ItemsPointer, the file one big array): the elements are cut out at depth one as the text arrives
// and parsed one by one, so a 1 GB array is never held whole. Any other document (an object, an
// ItemsPointer into it, a scalar) is read whole and parsed as before (map-reader-parse.ts).
import type { BodyStream } from '../core/body-stream.js';
import type { JsonValue } from '../core/json.js';
import { readerFailed } from './map-reader-parse.js';
import type { RecordParser } from './map-reader-records.js';

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const QUOTE = 34;
const BACKSLASH = 92;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The elements of a JSON array arriving in pieces (the text starts with "[" after whitespace, as `arrayAhead` found). */
export class JsonArrayParser implements RecordParser {
  private text = '';
  /** Where the element being cut out starts, and how far the scan for its end has got. */
  private start = 0;
  private scan = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private opened = false;
  private closed = false;
  private elements = 0;
  private final = false;

  constructor(private readonly where: string) {}

  feed(piece: string): void {
    this.text = this.text.slice(this.start) + piece;
    this.scan -= this.start;
    this.start = 0;
  }

  end(): void {
    this.final = true;
  }

  next(): JsonValue | undefined {
    const text = this.text;
    if (!this.opened) {
      while (this.scan < text.length && isWhitespace(text.charCodeAt(this.scan))) this.scan++;
      if (this.scan >= text.length) return this.final ? this.fail('Unexpected end of JSON input') : undefined;
      this.scan++;
      this.start = this.scan;
      this.opened = true;
    }
    if (this.closed) return this.trailing();
    for (; this.scan < text.length; this.scan++) {
      const code = text.charCodeAt(this.scan);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
      } else if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACKET || code === OPEN_BRACE) this.depth++;
      else if ((code === CLOSE_BRACKET || code === CLOSE_BRACE) && this.depth > 0) this.depth--;
      else if (this.depth === 0 && (code === CLOSE_BRACKET || code === COMMA)) {
        const element = text.slice(this.start, this.scan);
        this.scan++;
        this.start = this.scan;
        if (code === CLOSE_BRACKET) {
          this.closed = true;
          // "[]" and "[ ]" hold nothing; "[1,]" has an element missing.
          if (this.elements === 0 && element.trim() === '') return this.trailing();
        }
        return this.element(element);
      }
    }
    return this.final ? this.fail('Unexpected end of JSON input') : undefined;
  }

  private element(text: string): JsonValue {
    this.elements++;
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      return this.fail((error as Error).message);
    }
  }

  /** After the closing bracket only whitespace may follow. */
  private trailing(): undefined {
    for (; this.scan < this.text.length; this.scan++) {
      if (!isWhitespace(this.text.charCodeAt(this.scan))) this.fail('Unexpected non-whitespace character after JSON');
    }
    this.start = this.scan;
    return undefined;
  }

  private fail(reason: string): never {
    throw readerFailed(`The JSON file ${this.where} is not valid JSON: ${reason}`);
  }
}

/**
 * Reads the start of a stream: whether its first non-whitespace character opens an array, and the
 * stream again from its first byte (the chunks read to find out are given back first).
 */
export async function arrayAhead(stream: BodyStream): Promise<{ array: boolean; stream: BodyStream }> {
  const chunks = stream[Symbol.asyncIterator]();
  const seen: Array<Uint8Array | string> = [];
  let array = false;
  for (;;) {
    const chunk = await chunks.next();
    if (chunk.done === true) break;
    seen.push(chunk.value);
    const first = firstNonWhitespace(chunk.value);
    if (first === undefined) continue;
    array = first === OPEN_BRACKET;
    break;
  }
  return { array, stream: replayed(seen, chunks) };
}

function firstNonWhitespace(chunk: Uint8Array | string): number | undefined {
  for (let i = 0; i < chunk.length; i++) {
    const code = typeof chunk === 'string' ? chunk.charCodeAt(i) : (chunk[i] as number);
    // A byte order mark (EF BB BF in UTF-8, U+FEFF as text) comes before the document.
    if (isWhitespace(code) || code === 0xfeff || (typeof chunk !== 'string' && i < 3 && (code === 0xef || code === 0xbb || code === 0xbf))) continue;
    return code;
  }
  return undefined;
}

async function* replayed(seen: ReadonlyArray<Uint8Array | string>, rest: AsyncIterator<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  yield* seen;
  try {
    for (let chunk = await rest.next(); chunk.done !== true; chunk = await rest.next()) yield chunk.value;
  } finally {
    await rest.return?.();
  }
}
