// Validates a manifest against the Kubernetes OpenAPI schemas (kubernetes-models).
export async function validateManifest(doc: Record<string, unknown>): Promise<void> {
  const apiVersion = String(doc['apiVersion']);
  const kind = String(doc['kind']);
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  const mod = (await import(`kubernetes-models/${group === 'v1' ? 'v1' : group}`)) as Record<string, unknown>;
  const Model = mod[kind];
  if (typeof Model !== 'function') throw new Error(`no schema for ${apiVersion} ${kind}`);
  const instance: unknown = Reflect.construct(Model, [doc]);
  const validate = (instance as { validate?: () => void }).validate;
  if (typeof validate !== 'function') throw new Error(`${kind} has no validate()`);
  validate.call(instance);
}
