// Passwords written in the inventory in clear are secrets like vault values: never shown.
import { hostVarLayers, type Inventory } from '../inventory/index.js';

const PASSWORD_VARS = ['ansible_password', 'ansible_ssh_pass', 'ansible_become_password', 'ansible_become_pass'];

export function inventoryPasswords(inventory: Inventory): string[] {
  const out: string[] = [];
  for (const name of inventory.hosts.keys()) {
    for (const layer of hostVarLayers(inventory, name)) {
      for (const k of PASSWORD_VARS) {
        const v = layer.vars[k];
        // A template is not the password itself; its rendered value is redacted when it is used.
        if (typeof v === 'string' && !v.includes('{{')) out.push(v);
      }
    }
  }
  return out;
}
