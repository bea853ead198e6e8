// Loads a CommonJS file through V8's code cache. Node 20 has no compile cache of its own
// (module.enableCompileCache arrived in Node 22), so the CLI bundle and the generated schema
// validators are compiled once at build time, warmed up, and their code cache written beside
// them (FILE.cache). Loading then skips parsing and the lazy compiles the warm-up already did.
// A cache that V8 refuses (another Node version, other V8 flags) is ignored: the file is simply
// compiled as usual. V8 itself only checks that the source has the same length, so the cache file
// starts with the SHA-256 of the source it was made from (about 4 ms for the 2 MB bundle): a cache
// of other code of the same length is never used.
// A file loaded this way cannot use import(): Node 20 has no stable way to give a vm.Script one
// (and none at all for a script from a code cache), so bundles are built without dynamic imports.
// CommonJS on purpose: the launcher in bin/ requires this before any ES module.
import crypto = require('node:crypto');
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

interface LoadedScript {
  readonly exports: unknown;
  /** Whether a cache file was offered and V8 took it. */
  readonly cacheUsed: boolean;
  /** Writes the code cache of everything compiled so far to FILE.cache. */
  writeCache(): number;
}

function cacheFileOf(file: string): string {
  return `${file}.cache`;
}

function loadCachedScript(file: string): LoadedScript {
  const source = fs.readFileSync(file, 'utf8');
  const digest = crypto.createHash('sha256').update(source).digest();
  const cachedData = readCache(cacheFileOf(file), digest);
  // The same wrapper Node puts around a CommonJS module, so the file runs exactly as if required.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod: { exports: unknown } = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  run(mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
  return {
    exports: mod.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => {
      const data = script.createCachedData();
      fs.writeFileSync(cacheFileOf(file), Buffer.concat([digest, data]));
      return data.length;
    },
  };
}

/** The V8 data of a cache file made from the source with this digest; undefined otherwise. */
function readCache(file: string, digest: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const made = data.subarray(0, digest.length);
  return data.length > digest.length && made.equals(digest) ? data.subarray(digest.length) : undefined;
}

// `export =`: a CommonJS module under verbatimModuleSyntax.
export = { loadCachedScript, cacheFileOf };
