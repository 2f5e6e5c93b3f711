# Source this file: puts Node >= 22.13 and pnpm >= 12 on PATH, installing them from the npm registry into
# a private folder when the machine lacks them. The system node is left alone.
# Folder: $CONVX_TOOLCHAIN_DIR, default ~/.cache/convx-toolchain.

_convx_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)' 2>/dev/null
}
_convx_pnpm_ok() {
  command -v pnpm >/dev/null 2>&1 || return 1
  [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" -ge 12 ] 2>/dev/null
}

# No update notices from npm and pnpm, no telemetry banner (or telemetry) from Turborepo: a newcomer's first
# `./dev demo` shows convx's output, not the tools'.
export NO_UPDATE_NOTIFIER=1
export npm_config_update_notifier=false
export pnpm_config_update_notifier=false
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1

CONVX_TOOLCHAIN_DIR="${CONVX_TOOLCHAIN_DIR:-$HOME/.cache/convx-toolchain}"
if [ -x "$CONVX_TOOLCHAIN_DIR/node_modules/node/bin/node" ]; then
  export PATH="$CONVX_TOOLCHAIN_DIR/node_modules/node/bin:$CONVX_TOOLCHAIN_DIR/node_modules/.bin:$PATH"
fi
if ! _convx_node_ok || ! _convx_pnpm_ok; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "convx needs npm (any version) to install its toolchain; install Node.js and npm first." >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "== installing node@24 and pnpm@12 into $CONVX_TOOLCHAIN_DIR"
  mkdir -p "$CONVX_TOOLCHAIN_DIR"
  npm install --no-audit --no-fund --loglevel=error --prefix "$CONVX_TOOLCHAIN_DIR" node@24 pnpm@12 >/dev/null
  export PATH="$CONVX_TOOLCHAIN_DIR/node_modules/node/bin:$CONVX_TOOLCHAIN_DIR/node_modules/.bin:$PATH"
fi
if ! _convx_node_ok || ! _convx_pnpm_ok; then
  echo "could not provision Node >= 22.13 and pnpm >= 12 (see $CONVX_TOOLCHAIN_DIR)" >&2
  return 1 2>/dev/null || exit 1
fi
unset -f _convx_node_ok _convx_pnpm_ok
