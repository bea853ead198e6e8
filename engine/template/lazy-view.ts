// A read-only object whose properties are computed when read. Handlebars sees an ordinary object
// with own properties; nothing is rendered until a template asks for it.

export interface LazySource {
  /** For messages and String(view). */
  readonly label: string;
  keys(): Iterable<string>;
  has(key: string): boolean;
  get(key: string): unknown;
}

export function lazyView(source: LazySource): object {
  const target: object = Object.create(null) as object;
  return new Proxy(target, {
    get: (_t, key) => {
      if (typeof key === 'string') return source.has(key) ? source.get(key) : undefined;
      // Only for turning the view into text (in a message, say); no other symbol is answered.
      return key === Symbol.toPrimitive ? () => source.label : undefined;
    },
    has: (_t, key) => typeof key === 'string' && source.has(key),
    ownKeys: () => [...source.keys()],
    // An accessor, so asking whether a variable exists does not render it.
    getOwnPropertyDescriptor: (_t, key) =>
      typeof key === 'string' && source.has(key) ? { get: () => source.get(key), enumerable: true, configurable: true } : undefined,
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  });
}
