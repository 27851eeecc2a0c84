// A module namespace loaded on first use: `ns.fn(...)` loads the module then, not when the importer loads.
// Used by scripts/build.mjs for LAZY_NAMESPACES (the module is bundled; `load` is esbuild's in-bundle require).
export function lazyNamespace(load) {
  let ns
  const get = () => (ns ??= load())
  return new Proxy(
    {},
    {
      get: (_, key) => get()[key],
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(get(), key)
        return d && { ...d, configurable: true }
      },
    },
  )
}
