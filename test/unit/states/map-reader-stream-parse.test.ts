// The streamed parsers behind JSONL and CSV item readers: whatever the chunk sizes (a record, a
// quoted field, an escaped quote, a CRLF, a byte order mark or a multi-byte character cut in
// two), the items and the line a malformed record is reported on are those of the whole text.
import { describe, expect, it } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { csvItem, csvRecords } from '../../../src/states/map-reader-csv.js';
import { type ItemCursor, LimitedCursor, StreamCursor } from '../../../src/states/map-reader-cursor.js';
import { arrayAhead, JsonArrayParser } from '../../../src/states/map-reader-json.js';
import { CsvParser, JsonLinesParser, type RecordParser } from '../../../src/states/map-reader-records.js';

const signal = new AbortController().signal;

/** The UTF-8 bytes of `text` in pieces of `size` bytes (so characters are cut too). */
async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function drain(cursor: ItemCursor): Promise<JsonValue[]> {
  const items: JsonValue[] = [];
  for (;;) {
    const item = cursor.take();
    if (item !== undefined) items.push(item);
    else if (!(await cursor.fill())) return items;
  }
}

const read = (text: string, size: number, parser: RecordParser): Promise<JsonValue[]> => drain(new StreamCursor(pieces(text, size), parser, 's3://b/k', signal));
const csv = (): CsvParser => new CsvParser('s3://b/k', { delimiter: ',', headerLocation: 'FIRST_ROW', headers: undefined });

/** The items csvRecords gives for the whole text: the reference the streamed reads must match. */
function wholeCsv(text: string): JsonValue[] {
  const [header, ...rows] = [...csvRecords(text, ',', 's3://b/k')];
  return rows.map((row) => csvItem(header?.fields ?? [], row.fields));
}

describe('CSV read in chunks', () => {
  const text = '\ufeffname,note\r\n"Ada","say ""hi"""\r\nzoë,"two\r\nlines, 日本"\r\n\r\n"",plain\rlast,"""quoted"""';

  it('gives the items of the whole text for every chunk size', async () => {
    const expected = wholeCsv(text);
    expect(expected).toEqual([
      { name: 'Ada', note: 'say "hi"' },
      { name: 'zoë', note: 'two\r\nlines, 日本' },
      { name: '', note: 'plain' },
      { name: 'last', note: '"quoted"' },
    ]);
    for (let size = 1; size <= 12; size++) expect(await read(text, size, csv())).toEqual(expected);
  });

  it('names the line where an unclosed quote opens, however the file was cut', async () => {
    const cause = 'The CSV file s3://b/k is malformed at line 3: a quoted field is not closed before the end of the file.';
    for (const size of [1, 2, 3, 5, 64]) {
      await expect(read('a,b\n1,2\n3,"open\n4,5\n', size, csv())).rejects.toThrow(new AslError('States.ItemReaderFailed', cause));
      // A CRLF cut between its CR and LF still ends one line, not two.
      await expect(read('a,b\r\n1,2\r\n3,"open\r\n', size, csv())).rejects.toThrow(new AslError('States.ItemReaderFailed', cause));
    }
  });

  it('uses GIVEN headers and refuses duplicate ones', async () => {
    const given = new CsvParser('s3://b/k', { delimiter: ';', headerLocation: 'GIVEN', headers: ['x', 'y'] });
    expect(await read('1;2\n3;4', 3, given)).toEqual([{ x: '1', y: '2' }, { x: '3', y: '4' }]);
    await expect(read('a,a\n1,2\n', 2, csv())).rejects.toThrow('CSV headers cannot contain duplicates.');
  });
});

describe('JSON Lines read in chunks', () => {
  const text = '\ufeff{"city":"zürich"}\r\n\n \t \r\n  [1, "日本"]  \n"last"';

  it('gives one item per non-blank line for every chunk size', async () => {
    for (let size = 1; size <= 9; size++) expect(await read(text, size, new JsonLinesParser('s3://b/k'))).toEqual([{ city: 'zürich' }, [1, '日本'], 'last']);
  });

  it('parses no line past MaxItems, so a malformed line after them goes unseen', async () => {
    const cursor = new LimitedCursor(new StreamCursor(pieces('1\n2\n{broken\n', 1), new JsonLinesParser('s3://b/k'), 's3://b/k', signal), 2);
    expect(await drain(cursor)).toEqual([1, 2]);
    await expect(read('1\n2\n{broken\n', 4, new JsonLinesParser('s3://b/k'))).rejects.toThrow(/s3:\/\/b\/k is malformed at line 3/);
  });
});

describe('a JSON array read in chunks', () => {
  const items = [{ a: [1, { b: '],}{["' }] }, 'say \\"hi\\", [ok]', [], {}, null, -1.5e3, 'zürich 日本'];
  const text = ` \n[ ${items.map((item) => JSON.stringify(item)).join(' ,\n')} ]\n `;
  const array = (source: string, size: number): Promise<JsonValue[]> => read(source, size, new JsonArrayParser('s3://b/k'));

  it('gives each element whatever the chunk size, brackets, commas and quotes inside strings included', async () => {
    for (let size = 1; size <= 11; size++) expect(await array(text, size)).toEqual(items);
    expect(await array('[]', 1)).toEqual([]);
    expect(await array(' [ ] ', 2)).toEqual([]);
  });

  it('fails as the whole document would, naming the object', async () => {
    for (const broken of ['[1, 2,', '[1,]', '[1 2]', '[1] x', '[{"a": 1]']) {
      await expect(array(broken, 2)).rejects.toThrow(/The JSON file s3:\/\/b\/k is not valid JSON: /);
    }
  });

  it('is told from other documents by its first character, the stream given back whole', async () => {
    const look = async (source: string): Promise<[boolean, string]> => {
      const ahead = await arrayAhead(pieces(source, 1));
      const parts: string[] = [];
      for await (const chunk of ahead.stream) parts.push(new TextDecoder().decode(chunk as Uint8Array));
      return [ahead.array, parts.join('')];
    };
    expect(await look('  \n [1]')).toEqual([true, '  \n [1]']);
    expect(await look('{"items": [1]}')).toEqual([false, '{"items": [1]}']);
    expect(await look('')).toEqual([false, '']);
  });
});
