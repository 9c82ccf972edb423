// Validation fixtures in the asl-validator corpus style: valid/*.asl.json must produce no error;
// invalid/*.asl.json must produce exactly the error codes listed in the sibling .expected.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/index.js';

const root = join(import.meta.dirname, 'validation');
const fixtures = (folder: string): string[] => readdirSync(join(root, folder)).filter((f) => f.endsWith('.asl.json'));
const read = (folder: string, file: string): string => readFileSync(join(root, folder, file), 'utf8');

describe('valid fixtures', () => {
  it.each(fixtures('valid'))('%s has no errors', (file) => {
    const result = validateDefinition(read('valid', file), { fileName: file });
    expect(result.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('invalid fixtures', () => {
  it.each(fixtures('invalid'))('%s reports exactly its expected codes', (file) => {
    const expected = JSON.parse(read('invalid', file.replace('.asl.json', '.expected.json'))) as { codes: string[] };
    const result = validateDefinition(read('invalid', file), { fileName: file });
    const codes = [...new Set(result.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.code))].sort();
    expect(codes).toEqual([...expected.codes].sort());
    expect(result.valid).toBe(false);
    for (const d of result.diagnostics) {
      expect(d.line, `${d.code} at ${d.path} has a line`).toBeGreaterThan(0);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});

describe('express fixtures', () => {
  it.each(fixtures('express'))('%s is valid for STANDARD and rejected for EXPRESS', (file) => {
    const text = read('express', file);
    expect(validateDefinition(text, { fileName: file }).valid).toBe(true);
    const express = validateDefinition(text, { fileName: file, type: 'EXPRESS' });
    expect(express.valid).toBe(false);
    expect(express.diagnostics.map((d) => d.code)).toContain('UNSUPPORTED_IN_EXPRESS');
  });
});
