// The inventory layer: -i sources (YAML, INI, directories, host lists), group_vars/ and
// host_vars/, host patterns and --limit. See docs/inventory.md.
export type {
  Inventory,
  InventoryGroup,
  InventoryHost,
  InventoryVarSources,
  LoadResult,
  SelectResult,
  VarLayer,
  Vars,
} from './model.js';
export { LOCALHOST_NAMES } from './model.js';
export { addPlaybookVars, loadInventory, type LoadOptions } from './load.js';
export { evaluateTerms, groupHosts, selectHosts, splitPattern, type PatternTerm } from './patterns.js';
export { applyLimit } from './limit.js';
export { getHost, groupNames, groupsMap, hostVarLayers, implicitLocalhost, inventoryMagicVars } from './layers.js';
export { formatWarning } from './warnings.js';
