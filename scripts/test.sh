#!/usr/bin/env bash
# Run every test: unit, interop with libsodium (python3-nacl), and end-to-end against a local Subtensor chain.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh

# From Debian: PyNaCl proves keyfile compatibility with the libsodium code btcli uses; man(1) reads the man
# pages of a `tao` installed from the packed tarball (test/install/pack.test.ts).
missing=()
/usr/bin/python3 -c 'import nacl.pwhash' 2>/dev/null || missing+=(python3-nacl)
command -v man >/dev/null 2>&1 || missing+=(man-db)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >&2
  else
    echo "taocli: missing Debian packages: sudo apt-get install ${missing[*]}" >&2
  fi
fi

# tmux is the real terminal the `tao watch` end-to-end test drives.
if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq tmux) >&2
  else
    echo "taocli: tmux is missing: sudo apt-get install tmux" >&2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # No dependency needs its install script (native parts ship prebuilt); skipping them keeps the install
  # offline-safe and quick (sqlite3, which Chopsticks only needs for its optional database, would compile).
  npm ci --ignore-scripts --no-fund --no-audit >&2
fi
# Lint before the tests: ESLint (with the rules that keep src/'s imports pointing down the layers and free of
# cycles), tsc over src/ and test/, and Prettier's check. Each step runs; a failure fails the run after the tests.
lint_failed=()
for step in lint:eslint lint:types format:check; do
  npm run --silent "$step" || lint_failed+=("$step")
done

npm run build >&2

report_dir="$(mktemp -d)"
trap 'rm -rf "$report_dir"' EXIT
report="$report_dir/vitest.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
if [ -s "$report" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$report"
fi
if [ ${#lint_failed[@]} -gt 0 ]; then
  printf -v failed_steps 'npm run %s, ' "${lint_failed[@]}"
  echo "lint: failed (${failed_steps%, })"
  [ "$status" -ne 0 ] || status=1
fi
exit $status
