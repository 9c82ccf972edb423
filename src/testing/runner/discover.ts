// Finds test files under a folder: every *.asl.test.json / .yaml / .yml, skipping node_modules and
// dot-folders (.git, .cache, ...), in a stable (sorted) order so reports do not depend on the disk.
import { join } from 'node:path';

export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

/** Lists a folder; the CLI passes its Io's readDir, tests a fake. */
export type ReadDirectory = (path: string) => Promise<readonly DirectoryEntry[]>;

const TEST_FILE = /\.asl\.test\.(json|ya?ml)$/;

/** True for a file name the runner picks up by itself. */
export function isTestFileName(name: string): boolean {
  return TEST_FILE.test(name);
}

export async function findTestFiles(root: string, readDirectory: ReadDirectory): Promise<string[]> {
  const found: string[] = [];
  const entries = [...(await readDirectory(root))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = root === '.' ? entry.name : join(root, entry.name);
    if (entry.isDirectory) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      found.push(...(await findTestFiles(path, readDirectory)));
    } else if (isTestFileName(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
