#!/usr/bin/env bash
# Build np-guard's netpol-analyzer CLI ("netpolicy"), the reference analyser used by
# scripts/crosscheck/run.ts and scripts/bench.ts.
#
# Idempotent: builds once into a cache directory outside the repository and prints the
# absolute path of the binary on stdout (progress goes to stderr).
#
#   XDG_CACHE_HOME     cache root (default $HOME/.cache)
#
# Pinned version: github.com/np-guard/netpol-analyzer v1.4.4 (tag of 2025-04-28, commit
# 49264ddb8ecaa2012f78fe56c55adeb509af3bb7), the newest tag the Go module proxy serves.
#
# Why not `go install ...@v1.4.4`: `go install pkg@version` asks the proxy for the module's
# version list (deprecation check), and the checksum database has no entry for one
# dependency (github.com/np-guard/models v0.5.7). Both fail behind a proxy-only network.
# So the build goes through a tiny wrapper module (netpolicy-module/) whose go.sum pins
# every dependency hash: nothing is looked up in the checksum database, and a tampered
# download fails verification against go.sum. (`go install` with GOBIN is used on it.)
#
# Requires Go (>= 1.23) and access to the Go module proxy.
set -euo pipefail

VERSION="v1.4.4"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/calico-policy-pulumi/tools"
DEST="${CACHE_ROOT}/netpolicy-${VERSION}"
BIN="${DEST}/netpolicy"

if [[ -x "${BIN}" ]]; then
  echo "${BIN}"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "build-netpolicy.sh: 'go' not found on PATH (Go >= 1.23 is needed to build the reference analyser)" >&2
  exit 2
fi

if ! grep -q "github.com/np-guard/netpol-analyzer ${VERSION}\$" "${HERE}/netpolicy-module/go.mod"; then
  echo "build-netpolicy.sh: netpolicy-module/go.mod does not require netpol-analyzer ${VERSION}" >&2
  exit 2
fi

mkdir -p "${DEST}"
TMP="$(mktemp -d "${DEST}/.build.XXXXXX")"
trap 'rm -rf "${TMP}"' EXIT
# Work on a copy so the build never writes into the repository.
cp "${HERE}/netpolicy-module/go.mod" "${HERE}/netpolicy-module/go.sum" "${HERE}/netpolicy-module/tools.go" "${TMP}/"
mkdir -p "${TMP}/bin"

echo "building github.com/np-guard/netpol-analyzer/cmd/netpolicy@${VERSION} (takes ~1-2 min) ..." >&2
(
  cd "${TMP}"
  GOBIN="${TMP}/bin" GOFLAGS="-mod=readonly -buildvcs=false -trimpath" \
    go install github.com/np-guard/netpol-analyzer/cmd/netpolicy >&2
)
# Rename into place atomically so an interrupted build never leaves a partial binary.
mv -f "${TMP}/bin/netpolicy" "${BIN}"
echo "${VERSION}" > "${DEST}/VERSION"
echo "${BIN}"
