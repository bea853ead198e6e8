// The README's Layout section and the folders in the repository, both ways: every folder the
// section names exists, and every folder at the levels it covers is named.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Folders whose children the section lists; the top level is always listed. */
const EXPANDED = ['engine', 'lab', 'test'];
const NOT_SOURCE = new Set(['node_modules', 'dist']);

function layoutFolders(readme: string): string[] {
  const section = readme.split('\n## Layout\n')[1]?.split('\n## ')[0] ?? '';
  const block = section.split('```')[1] ?? '';
  const out: string[] = [];
  let parent = '';
  for (const line of block.split('\n')) {
    const m = /^( *)([a-z0-9-]+)\/\s/.exec(line);
    if (!m) continue;
    const nested = (m[1] ?? '').length > 0;
    const name = m[2] ?? '';
    if (!nested) parent = name;
    out.push(nested ? `${parent}/${name}` : name);
  }
  return out;
}

function treeFolders(): string[] {
  const dirs = (path: string): string[] =>
    readdirSync(join(ROOT, path), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_SOURCE.has(d.name))
      .map((d) => (path ? `${path}/${d.name}` : d.name));
  const top = dirs('');
  return [...top, ...top.filter((d) => EXPANDED.includes(d)).flatMap((d) => dirs(d))];
}

describe('README: the Layout section matches the tree', () => {
  const listed = layoutFolders(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const present = treeFolders();

  it('lists something', () => assert.ok(listed.length > 20, `only ${listed.length} folders found in the Layout section`));
  it('every listed folder exists', () => assert.deepEqual(listed.filter((d) => !present.includes(d)), []));
  it('every folder is listed', () => assert.deepEqual(present.filter((d) => !listed.includes(d)), []));
});
