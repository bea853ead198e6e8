// Loads a CommonJS file through V8's code cache. Node 20 has no compile cache of its own
// (module.enableCompileCache arrived in Node 22), so the CLI bundle and the generated schema
// validators are compiled once at build time, warmed up, and their code cache written beside
// them (FILE.cache). Loading then skips parsing and the lazy compiles the warm-up already did.
// A cache that V8 refuses (another Node version, other V8 flags) is ignored: the file is simply
// compiled as usual. V8 itself only checks that the source has the same length, so the cache file
// starts with the SHA-256 of the source it was made from (about 4 ms for the 2 MB bundle): a cache
// of other code of the same length is never used.
// A file loaded this way cannot run import() itself: V8 drops a script's import callback for
// functions restored from a code cache. It gets `__import(specifier)` instead, a sixth parameter
// beside CommonJS's five, which imports relative to the file from this (ordinary) module.
// CommonJS on purpose: the launcher in bin/ requires this before any ES module.
import crypto = require('node:crypto');
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import url = require('node:url');
import vm = require('node:vm');

type ImportFn = (specifier: string) => Promise<unknown>;

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
  const wrapped = `(function (exports, require, module, __filename, __dirname, __import) {${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod: { exports: unknown } = { exports: {} };
  const run = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string, i: ImportFn) => void;
  const importRelative: ImportFn = (specifier) => import(url.pathToFileURL(path.resolve(path.dirname(file), specifier)).href);
  run(mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file), importRelative);
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
