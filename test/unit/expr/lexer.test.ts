import assert from 'node:assert/strict';
import { tokenize } from '../../../engine/expr/lexer.js';

function lex(src: string): string[] {
  return tokenize(src, 0, src.length).map((t) => (t.kind === 'eof' ? 'eof' : `${t.kind}:${t.num ?? t.text}@${t.offset}`));
}

const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['a==1', ['name:a@0', 'op:==@1', 'int:1@3', 'eof']],
  ['x.y[0]', ['name:x@0', 'op:.@1', 'name:y@2', 'op:[@3', 'int:0@4', 'op:]@5', 'eof']],
  ['item.0.1', ['name:item@0', 'op:.@4', 'int:0@5', 'op:.@6', 'int:1@7', 'eof']],
  ['1.5 2e3 1_000 3.', ['float:1.5@0', 'float:2000@4', 'int:1000@8', 'int:3@14', 'op:.@15', 'eof']],
  ['a//b<=c', ['name:a@0', 'op://@1', 'name:b@3', 'op:<=@4', 'name:c@6', 'eof']],
  ["'a\\nb'", ['string:a\nb@0', 'eof']],
  ["'\\d+\\.'", ['string:\\d+\\.@0', 'eof']], // unknown escapes keep the backslash
  ['"\\x41\\u00e9\\U0001F600"', ['string:Aé😀@0', 'eof']],
  ["'say \"hi\"'", ['string:say "hi"@0', 'eof']],
  ['"it\'s"', ["string:it's@0", 'eof']],
  ['  héllo_1 ', ['name:héllo_1@2', 'eof']],
  ['a\n\tand b', ['name:a@0', 'name:and@3', 'name:b@7', 'eof']],
  ['x!=y', ['name:x@0', 'op:!=@1', 'name:y@3', 'eof']],
];

describe('expr lexer', () => {
  for (const [src, expected] of CASES) {
    it(JSON.stringify(src), () => assert.deepEqual(lex(src), expected));
  }
  it('tokenizes only the given slice, keeping absolute offsets', () => {
    assert.deepEqual(tokenize('{{ a }}', 2, 5).map((t) => [t.kind, t.offset]), [['name', 3], ['eof', 5]]);
  });
});
