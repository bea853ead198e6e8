// The module lookup used by the loader: host modules from the registry plus controller modules.
import type { ModuleLookup } from '../load/load-context.js';
import { controllerModules } from './controller/index.js';
import type { AnyModule } from './types.js';

const FQCN = /^(?:ansible\.(?:builtin|legacy|posix)|community\.general|kubernetes\.core)\./;

export function moduleLookup(extra: readonly AnyModule[] = []): ModuleLookup {
  const byName = new Map<string, AnyModule>();
  for (const m of [...controllerModules, ...extra]) {
    byName.set(m.name, m);
    for (const a of m.aliases ?? []) byName.set(a, m);
  }
  return {
    get: (name) => byName.get(name.replace(FQCN, '')),
    names: () => [...byName.keys()],
  };
}
