'use strict'
// Stands in for `debug` in the bundle. debug reads $DEBUG once, when it loads, to choose what to print; without
// $DEBUG every logger it makes is silent. So it loads only when $DEBUG is set, and oclif's many loggers cost
// nothing at start otherwise.
function createDebug(namespace) {
  if (process.env.DEBUG) return require('debug')(namespace)
  const silent = () => {}
  silent.namespace = namespace
  silent.enabled = false
  silent.extend = (ns, delimiter = ':') => createDebug(namespace + delimiter + ns)
  return silent
}
module.exports = createDebug
