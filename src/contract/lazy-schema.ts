/**
 * The contract's schemas are built the first time they are used, not when the contract is loaded.
 *
 * zod makes an object with its own methods for every schema and for every step of one (`.max()`, `.strict()`,
 * `.optional()` each make another). The contract's few hundred took about 15 ms of every start in Node and about
 * twice that in the page, before either could do anything else, and most of them serve requests that a start
 * never makes (docs/benchmarks.md, "The contract's schemas built when first used").
 *
 * `lazySchema(build)` returns a stand-in that is the schema for every purpose: parse and safeParse, `.options`,
 * `.shape`, `.extend()`, a place in another schema, `instanceof`. Each access is forwarded to the schema, which
 * `build` makes on the first one. Its type is the schema's own, so nothing that uses it changes.
 */

let builtCount = 0;

/** How many lazy schemas have been built so far (a test holds the contract's load to none). */
export function lazySchemasBuilt(): number {
  return builtCount;
}

export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const built = (): T => {
    if (schema === undefined) {
      schema = build();
      builtCount++;
    }
    return schema;
  };
  // The proxy's own target stays an empty, extensible object: every trap answers for the built schema, and
  // descriptors are reported configurable, which keeps the proxy's invariants whatever zod defines.
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(built(), key),
    set: (_, key, value) => Reflect.set(built(), key, value),
    has: (_, key) => Reflect.has(built(), key),
    ownKeys: () => Reflect.ownKeys(built()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(built(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(built(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  });
}
