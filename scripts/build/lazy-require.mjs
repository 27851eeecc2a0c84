// Defers the `require`s of a CommonJS module (TypeScript's compiled form) until their first use.
//
//   const config_1 = require("./config");          let config_1__v; const config_1 = () => config_1__v ??= require("./config");
//   new config_1.Config(o); config_1.load()   →    new (config_1().Config)(o); config_1().load()
//
// @oclif/core is CommonJS whose index requires every part of it (help, ux, parser, config, …) at once; bundled,
// all of it would still run at every start. With this, a start runs only the parts it touches.
// A binding is deferred only when every use of it is a property access (`name.x`); anything else (passed
// along, spread, called, `name?.x`) keeps the original eager require, so the rewrite never changes meaning.

const DECLARATION = /^(?:const|var|let) ([A-Za-z_$][\w$]*) = ((?:__importDefault|__importStar)\()?require\(("[^"\n]+"|'[^'\n]+')\)\)?;$/gm
// index.js: `exports.Flags = __importStar(require("./flags"));` becomes a memoised getter.
const NAMESPACE_EXPORT = /^exports\.([A-Za-z_$][\w$]*) = (__importStar\(require\(("[^"\n]+"|'[^'\n]+')\)\));$/gm

const escape = (name) => name.replace(/\$/g, '\\$')
const uses = (source, name) => source.match(new RegExp(`(?<![\\w$.])${escape(name)}(?![\\w$])`, 'g'))?.length ?? 0
const propertyUses = (source, name) => source.match(new RegExp(`(?<![\\w$.])${escape(name)}\\.(?=[A-Za-z_$])`, 'g'))?.length ?? 0

/** @param {string} source CommonJS source @returns {string} */
export function lazyRequires(source) {
  const deferred = []
  let out = source.replace(DECLARATION, (line, name, wrapper, specifier) => {
    if (uses(source, name) - 1 !== propertyUses(source, name)) return line
    deferred.push(name)
    const load = wrapper ? `${wrapper}require(${specifier}))` : `require(${specifier})`
    return `let ${name}__v; const ${name} = () => ${name}__v ??= ${load};`
  })
  for (const name of deferred) {
    // `new m.Cls(…)` must become `new (m().Cls)(…)`: `new m().Cls(…)` would construct m itself.
    out = out.replace(new RegExp(`\\bnew ${escape(name)}\\.([\\w$]+(?:\\.[\\w$]+)*)`, 'g'), `new (${name}\0.$1)`)
    out = out.replace(new RegExp(`(?<![\\w$.])${escape(name)}\\.(?=[A-Za-z_$])`, 'g'), `${name}().`)
    out = out.replaceAll(`${name}\0.`, `${name}().`)
  }
  return out.replace(
    NAMESPACE_EXPORT,
    (line, name, load) =>
      `{ let v; Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, configurable: true, get: () => v ??= ${load} }); }`,
  )
}
