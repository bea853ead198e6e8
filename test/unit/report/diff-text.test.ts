import { strict as assert } from 'node:assert';
import { renderDiff } from '../../../engine/report/diff-text.js';

const cases: { name: string; before: string; after: string; body: string[] }[] = [
  { name: 'new file', before: '', after: 'a\nb\n', body: ['+a', '+b'] },
  { name: 'removed file', before: 'a\n', after: '', body: ['-a'] },
  { name: 'one line replaced', before: 'x=1\n', after: 'x=2\n', body: ['-x=1', '+x=2'] },
  { name: 'line added in the middle', before: 'a\nc\n', after: 'a\nb\nc\n', body: [' a', '+b', ' c'] },
  { name: 'unchanged', before: 'a\n', after: 'a\n', body: [' a'] },
  { name: 'no final newline', before: 'a', after: 'a\nb', body: [' a', '+b'] },
];

describe('report/diff-text', () => {
  for (const c of cases) {
    it(c.name, () => {
      const text = renderDiff({ path: '/f', before: c.before, after: c.after });
      const [h1, h2, ...body] = text.split('\n');
      assert.equal(h1, '--- before: /f');
      assert.equal(h2, '+++ after: /f');
      assert.deepEqual(body, c.body);
    });
  }
});
