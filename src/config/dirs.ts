import { homedir } from 'node:os'
import path from 'node:path'

/**
 * Where tao keeps what is not a wallet. State (a detached localnet's record, pending weight commits):
 * `$TAO_STATE_DIR`, else `$XDG_STATE_HOME/taocli`, else `~/.local/state/taocli`. Cache (runtime metadata):
 * `$TAO_CACHE_DIR`, else `$XDG_CACHE_HOME/taocli`, else `~/.cache/taocli`.
 */
export function taoStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TAO_STATE_DIR) return path.resolve(env.TAO_STATE_DIR)
  const base = env.XDG_STATE_HOME ? env.XDG_STATE_HOME : path.join(homedir(), '.local', 'state')
  return path.join(base, 'taocli')
}

export function taoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TAO_CACHE_DIR) return env.TAO_CACHE_DIR
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'taocli')
  return path.join(homedir(), '.cache', 'taocli')
}
