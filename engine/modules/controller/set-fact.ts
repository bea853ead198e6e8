// set_fact: stores values (already rendered by the engine) as host facts, like Ansible's action.
// The engine merges `ansible_facts` from the result into the host's variables.
import { defineModule } from '../types.js';

export const setFact = defineModule<Record<string, unknown>>({
  name: 'set_fact',
  local: true,
  schema: { type: 'object', minProperties: 1, propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
  async check(args) {
    const facts = { ...args };
    delete facts['cacheable'];
    return { changed: false, final: { changed: false, data: { ansible_facts: facts } } };
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});
