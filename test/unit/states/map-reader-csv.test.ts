// The CSV record reader behind the CSV ItemReader: quoting, line breaks, the line each record
// starts on, and what counts as an empty line.
import { describe, expect, it } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import { checkHeaders, csvItem, csvRecords } from '../../../src/states/map-reader-csv.js';

const records = (text: string, delimiter = ','): Array<{ fields: string[]; line: number }> => [...csvRecords(text, delimiter, 's3://b/k')];

describe('csvRecords', () => {
  it('splits on the delimiter and on LF, CRLF or CR line ends', () => {
    expect(records('a,b\r\nc,d\re,f\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 2 },
      { fields: ['e', 'f'], line: 3 },
    ]);
  });

  it('reads the last record without a final line break, and a trailing empty field', () => {
    expect(records('a,\nb')).toEqual([
      { fields: ['a', ''], line: 1 },
      { fields: ['b'], line: 2 },
    ]);
  });

  it('unquotes fields, keeping delimiters, doubled quotes and line breaks inside', () => {
    expect(records('"x,1","say ""hi""","two\nlines"\nnext\n')).toEqual([
      { fields: ['x,1', 'say "hi"', 'two\nlines'], line: 1 },
      { fields: ['next'], line: 3 },
    ]);
  });

  it('skips empty lines but keeps a line of spaces and a quoted empty field', () => {
    expect(records('a\n\n   \n""\n')).toEqual([
      { fields: ['a'], line: 1 },
      { fields: ['   '], line: 3 },
      { fields: [''], line: 4 },
    ]);
  });

  it('keeps a quote in the middle of a field as text, and drops a byte order mark', () => {
    expect(records('\ufeffit\'s 5" long,ok\n')).toEqual([{ fields: ['it\'s 5" long', 'ok'], line: 1 }]);
  });

  it('uses any one-character delimiter', () => {
    expect(records('a b\t"c d"\n', '\t')).toEqual([{ fields: ['a b', 'c d'], line: 1 }]);
  });

  it('fails on an unclosed quote with the line it opened on', () => {
    expect(() => records('ok\n"never\nclosed\n')).toThrow(new AslError('States.ItemReaderFailed', 'The CSV file s3://b/k is malformed at line 2: a quoted field is not closed before the end of the file.'));
  });

  it('reads records one at a time', () => {
    const reader = csvRecords('1\n2\n"broken', ',', 's3://b/k');
    expect(reader.next().value).toEqual({ fields: ['1'], line: 1 });
    expect(reader.next().value).toEqual({ fields: ['2'], line: 2 });
    expect(() => reader.next()).toThrow(AslError);
  });
});

describe('headers and items', () => {
  it('refuses duplicate headers', () => {
    expect(() => checkHeaders(['a', 'b', 'a'])).toThrow('CSV headers cannot contain duplicates.');
    expect(() => checkHeaders(['a', 'b'])).not.toThrow();
  });

  it('pads missing columns with "" and drops extra ones', () => {
    expect(csvItem(['a', 'b'], ['1'])).toEqual({ a: '1', b: '' });
    expect(csvItem(['a'], ['1', '2', '3'])).toEqual({ a: '1' });
  });
});
