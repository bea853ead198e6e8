// The module lookup the loader and the runner use: the registry of host and controller modules.
import { controllerModules } from './controller/index.js';
import { hostModules } from './host-modules.js';
import { createModuleRegistry } from './registry.js';
import type { AnyModule, ModuleLookup } from './types.js';

let shared: ModuleLookup | undefined;

export function moduleLookup(extra: readonly AnyModule[] = []): ModuleLookup {
  if (extra.length > 0) return createModuleRegistry([...hostModules, ...controllerModules, ...extra]);
  shared ??= createModuleRegistry([...hostModules, ...controllerModules]);
  return shared;
}
