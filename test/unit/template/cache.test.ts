import assert from 'node:assert/strict';
import { CACHE_LIMIT, cacheStats, clearCache, setCacheLimit } from '../../../engine/template/compile-cache.js';
import { renderString, renderValue } from '../../../engine/template/index.js';
import { err, ok, vars } from './support.js';

describe('template compile cache', () => {
  beforeEach(() => clearCache());

  it('rendering one template for 1 000 hosts compiles it once', () => {
    const before = cacheStats().compiles;
    for (let i = 0; i < 1000; i++) {
      const host = vars({ inventory_hostname: `h${i}`, port: 6443 });
      assert.equal(ok(renderString('{{ inventory_hostname }}:{{ port }}', host)), `h${i}:6443`);
    }
    assert.equal(cacheStats().compiles - before, 1);
  });

  it('a task with many strings compiles each distinct string once', () => {
    const before = cacheStats().compiles;
    const args = { a: '{{ x }}', b: ['{{ x }}', 'y={{ x }}'], c: 'plain' };
    for (let i = 0; i < 100; i++) ok(renderValue(args, vars({ x: i })));
    assert.equal(cacheStats().compiles - before, 2);
  });

  it('strings without mustaches never reach the compiler', () => {
    const before = cacheStats().compiles;
    ok(renderValue({ a: 'plain', b: ['x', 'y } }'] }, vars({})));
    assert.equal(cacheStats().compiles - before, 0);
  });

  it('a broken template is parsed once too', () => {
    const before = cacheStats();
    for (let i = 0; i < 50; i++) assert.equal(err(renderString('{{ broken', vars({}))).code, 'TEMPLATE_SYNTAX');
    assert.equal(cacheStats().compiles - before.compiles, 0);
    assert.equal(cacheStats().size, 1);
  });

  it('is bounded at 5 000 templates by default', () => assert.equal(CACHE_LIMIT, 5000));

  describe('with a small bound', () => {
    const SMALL = 50;
    let previous = CACHE_LIMIT;
    beforeEach(() => {
      previous = setCacheLimit(SMALL);
    });
    afterEach(() => {
      setCacheLimit(previous);
    });

    it('holds at most the bound', () => {
      const v = vars({ x: 1 });
      for (let i = 0; i < SMALL * 3; i++) ok(renderString(`{{ x }}${i}`, v));
      assert.equal(cacheStats().size, SMALL);
    });

    it('keeps recently used templates when it is full', () => {
      const v = vars({ x: 1 });
      ok(renderString('{{ x }}hot', v));
      for (let i = 0; i < SMALL * 3; i++) {
        ok(renderString(`{{ x }}${i}`, v));
        if (i % 10 === 0) ok(renderString('{{ x }}hot', v));
      }
      const before = cacheStats().compiles;
      ok(renderString('{{ x }}hot', v));
      assert.equal(cacheStats().compiles, before);
    });

    it('forgets the least recently used', () => {
      const v = vars({ x: 1 });
      ok(renderString('{{ x }}cold', v));
      for (let i = 0; i < SMALL; i++) ok(renderString(`{{ x }}${i}`, v));
      const before = cacheStats().compiles;
      ok(renderString('{{ x }}cold', v));
      assert.equal(cacheStats().compiles, before + 1);
    });
  });
});
