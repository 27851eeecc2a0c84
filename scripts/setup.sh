#!/usr/bin/env bash
# Install taocli on this machine: Node 24 if needed, dependencies, build, and a `tao` command in ~/.local/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # No dependency needs its install script (native parts ship prebuilt); skipping them keeps the install
  # offline-safe and quick (sqlite3, which Chopsticks only needs for its optional database, would compile).
  npm ci --ignore-scripts --no-fund --no-audit >&2
fi
npm run build >&2

bin_dir="${TAO_BIN_DIR:-$HOME/.local/bin}"
mkdir -p "$bin_dir"
cat > "$bin_dir/tao" <<SHIM
#!/bin/sh
exec "$(command -v node)" "$PWD/bin/run.js" "\$@"
SHIM
chmod +x "$bin_dir/tao"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "taocli: add $bin_dir to PATH to run 'tao' from anywhere" >&2 ;; esac

"$bin_dir/tao" --version
"$bin_dir/tao" --help
