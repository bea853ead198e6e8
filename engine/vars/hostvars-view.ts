// `hostvars` for the condition language: host → that host's variables as a read-only object,
// each variable rendered (in that host's scope) when it is read. Templates get the same data
// through the template layer's own view of the Map.
import { renderValue, type VarSource } from '../template/index.js';

export function hostvarsView(hosts: ReadonlyMap<string, VarSource>): Readonly<Record<string, unknown>> {
  return new Proxy(
    {},
    {
      get: (_t, host) => (typeof host === 'string' && hosts.has(host) ? varsView(hosts.get(host)) : undefined),
      has: (_t, host) => typeof host === 'string' && hosts.has(host),
      ownKeys: () => [...hosts.keys()],
      getOwnPropertyDescriptor: (_t, host) =>
        typeof host === 'string' && hosts.has(host) ? { enumerable: true, configurable: true, value: varsView(hosts.get(host)) } : undefined,
    },
  );
}

function varsView(vars: VarSource | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!vars) return undefined;
  const read = (name: string): unknown => {
    const e = vars.get(name);
    if (!e) return undefined;
    if (!e.templated) return e.value;
    const r = renderValue(e.value, vars);
    return r.ok ? r.value : undefined;
  };
  return new Proxy(
    {},
    {
      get: (_t, name) => (typeof name === 'string' ? read(name) : undefined),
      has: (_t, name) => typeof name === 'string' && vars.has(name),
      ownKeys: () => [...vars.keys()],
      getOwnPropertyDescriptor: (_t, name) =>
        typeof name === 'string' && vars.has(name) ? { enumerable: true, configurable: true, value: read(name) } : undefined,
    },
  );
}
