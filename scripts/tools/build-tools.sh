#!/usr/bin/env bash
# Builds the out-of-repo tools the end-to-end tests need, from the Go module proxy,
# at pinned versions, into a cache OUTSIDE the repository:
#
#   ${XDG_CACHE_HOME:-$HOME/.cache}/calico-policy-pulumi/tools/<tool>-<version>/bin/
#
# Tools: pulumi (CLI + pulumi-language-nodejs), pulumi-resource-kubernetes,
#        kube-apiserver, etcd.
#
# Idempotent: a tool whose directory holds a `.complete` stamp is reported "cached"
# and not rebuilt. Throwaway wrapper Go modules live under the cache too (never in
# the repository). GOMODCACHE/GOCACHE keep their defaults so a warm machine reuses them.
#
# Usage:
#   scripts/tools/build-tools.sh [TOOL...]     build (all by default); logs go to stderr
#   scripts/tools/build-tools.sh --env         build if needed, then print `export ...`
#                                              lines on stdout:  eval "$(... --env)"
#   scripts/tools/build-tools.sh --list        print tool names and pinned versions
#
# Env knobs: CALICO_TOOLS_CACHE (cache root), BUILD_TOOLS_PREFETCH_JOBS (parallel
# module downloads, default 3; 1 = sequential).
set -euo pipefail

# ---------------------------------------------------------------- pinned versions
# Pulumi CLI: @pulumi/pulumi in package-lock.json is 3.270.0, but the Go module proxy
# reachable here does not serve github.com/pulumi/pulumi/pkg/v3 v3.270.0 (403 "This
# module version is not available"); the newest pkg/v3 whose zip it serves is v3.259.0
# (v3.260.0 has .info/.mod but no .zip). See README.md.
PULUMI_VERSION="${PULUMI_VERSION:-3.259.0}"
# github.com/pulumi/pulumi/sdk/v3 is served at every version; keep it equal to pkg's.
PULUMI_SDK_VERSION="${PULUMI_SDK_VERSION:-$PULUMI_VERSION}"
# Node.js language host: its own module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
# served by the proxy at any version (403). The newest host on the proxy is the package
# github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs inside sdk/v3, last
# present in sdk/v3 v3.68.0 (it moved to its own module in v3.69.0).
PULUMI_NODEJS_HOST_SDK_VERSION="${PULUMI_NODEJS_HOST_SDK_VERSION:-3.68.0}"
K8S_PROVIDER_VERSION="${K8S_PROVIDER_VERSION:-4.34.2}"
KUBE_VERSION="${KUBE_VERSION:-1.35.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.8}"

# Built by default. pulumi-resource-kubernetes is opt-in (name it) because the proxy
# does not serve its module; see below and README.md.
ALL_TOOLS=(etcd kube-apiserver pulumi)

# ---------------------------------------------------------------- environment
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
TOOLS_CACHE="${CALICO_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/calico-policy-pulumi/tools}"
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0
export GOTOOLCHAIN=local          # never try to download another Go toolchain
export GOPROXY="${GOPROXY:-https://proxy.golang.org,direct}"
GOMODCACHE_DIR="$(go env GOMODCACHE)"

log() { printf '[build-tools] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# step NAME CMD...: runs CMD, printing its name and wall time; output goes to a log
# file beside the tool (shown on failure).
step() {
  local name="$1"; shift
  local t0=$SECONDS
  log "  -> $name"
  if ! "$@" >>"$STEP_LOG" 2>&1; then
    log "  !! $name FAILED after $((SECONDS - t0))s; last lines of $STEP_LOG:"
    tail -n 40 "$STEP_LOG" >&2
    return 1
  fi
  log "     $name: $((SECONDS - t0))s"
}

dl_kib() { du -sk "$GOMODCACHE_DIR/cache/download" 2>/dev/null | cut -f1 || echo 0; }

tool_version() {
  case "$1" in
    pulumi) echo "$PULUMI_VERSION" ;;
    pulumi-resource-kubernetes) echo "$K8S_PROVIDER_VERSION" ;;
    kube-apiserver) echo "$KUBE_VERSION" ;;
    etcd) echo "$ETCD_VERSION" ;;
    *) die "unknown tool $1" ;;
  esac
}
tool_dir() { echo "$TOOLS_CACHE/$1-$(tool_version "$1")"; }
tool_bin() {
  case "$1" in
    pulumi) echo "$(tool_dir pulumi)/bin/pulumi" ;;
    *) echo "$(tool_dir "$1")/bin/$1" ;;
  esac
}
is_cached() { [ -f "$(tool_dir "$1")/.complete" ] && [ -x "$(tool_bin "$1")" ]; }

# write_wrapper DIR MODULE GOVERSION: a throwaway main module; requires/replaces are
# appended by the caller.
write_wrapper() {
  local dir="$1" mod="$2" gover="$3"
  rm -rf "$dir"; mkdir -p "$dir"
  printf 'module %s\n\ngo %s\n' "$mod" "$gover" >"$dir/go.mod"
}

# module_file MODULE@VERSION FIELD: downloads one module (or its .mod) and prints
# the JSON field (Dir, GoMod, Info, Zip).
module_field() {
  go mod download -json "$1" | sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}$/\1/p" | head -n1
}

# ---------------------------------------------------------------- etcd
prep_etcd() {
  local d; d="$(tool_dir etcd)/src"
  write_wrapper "$d" calico-policy-pulumi-tools/etcd 1.24.0
  (cd "$d" && go mod edit -require="go.etcd.io/etcd/server/v3@v$ETCD_VERSION" \
    && go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" \
    && go list -deps go.etcd.io/etcd/server/v3 >/dev/null)
}
build_etcd() {
  local d; d="$(tool_dir etcd)"
  (cd "$d/src" && go build -trimpath -ldflags "-s -w" -o "$d/bin/etcd" go.etcd.io/etcd/server/v3)
}

# ---------------------------------------------------------------- kube-apiserver
prep_kube-apiserver() {
  local d; d="$(tool_dir kube-apiserver)/src"
  write_wrapper "$d" calico-policy-pulumi-tools/kube-apiserver 1.25.0
  local kmod; kmod="$(module_field "k8s.io/kubernetes@v$KUBE_VERSION" GoMod)"
  [ -f "$kmod" ] || die "could not download k8s.io/kubernetes@v$KUBE_VERSION go.mod"
  local staging_ver="v0.${KUBE_VERSION#*.}"   # 1.35.4 -> v0.35.4
  (
    cd "$d"
    # Same godebug defaults as upstream's main module.
    grep -E '^godebug ' "$kmod" >>go.mod || true
    go mod edit -require="k8s.io/kubernetes@v$KUBE_VERSION"
    # Every ./staging/src/k8s.io/X replace -> the published k8s.io/X v0.Y.Z.
    grep -Eo 'k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$kmod" | awk '{print $1}' |
      while read -r m; do go mod edit -replace="$m=$m@$staging_ver"; done
    go list -deps k8s.io/kubernetes/cmd/kube-apiserver >/dev/null
  )
}
build_kube-apiserver() {
  local d; d="$(tool_dir kube-apiserver)"
  local minor="${KUBE_VERSION#*.}"; minor="${minor%%.*}"
  local major="${KUBE_VERSION%%.*}"
  local pkg=k8s.io/component-base/version
  local ld="-s -w -X $pkg.gitVersion=v$KUBE_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  (cd "$d/src" && go build -trimpath -ldflags "$ld" -o "$d/bin/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
}

# ---------------------------------------------------------------- pulumi CLI + nodejs host
PULUMI_NODEJS_HOST_PKG=github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
prep_pulumi() {
  local d; d="$(tool_dir pulumi)/src"
  write_wrapper "$d" calico-policy-pulumi-tools/pulumi 1.26
  local pmod; pmod="$(module_field "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" GoMod)"
  [ -f "$pmod" ] || die "could not download github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION go.mod"
  (
    cd "$d"
    go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" \
                -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_SDK_VERSION"
    # Copy pkg's non-relative replace directives (the relative sdk one is dropped).
    go mod edit -json "$pmod" | node -e '
      const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
      for (const r of j.Replace || []) {
        if (r.New.Path.startsWith(".")) continue;
        const o = r.Old.Path + (r.Old.Version ? "@" + r.Old.Version : "");
        const n = r.New.Path + (r.New.Version ? "@" + r.New.Version : "");
        console.log(o + "=" + n);
      }' | while read -r rep; do go mod edit -replace="$rep"; done
    go list -deps github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >/dev/null
  )
  # Node.js language host: separate wrapper (it needs the old sdk/v3 as the main dep).
  local h; h="$(tool_dir pulumi)/src-nodejs-host"
  write_wrapper "$h" calico-policy-pulumi-tools/pulumi-language-nodejs 1.20
  local hmod; hmod="$(module_field "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_NODEJS_HOST_SDK_VERSION" GoMod)"
  (
    cd "$h"
    go mod edit -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_NODEJS_HOST_SDK_VERSION"
    go mod edit -json "$hmod" | node -e '
      const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
      for (const r of j.Replace || []) {
        if (r.New.Path.startsWith(".")) continue;
        console.log(r.Old.Path + (r.Old.Version ? "@" + r.Old.Version : "") + "=" +
                    r.New.Path + (r.New.Version ? "@" + r.New.Version : ""));
      }' | while read -r rep; do go mod edit -replace="$rep"; done
    go list -deps "$PULUMI_NODEJS_HOST_PKG" >/dev/null
  )
}
build_pulumi() {
  local d; d="$(tool_dir pulumi)"
  local ld="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
  (cd "$d/src" && go build -trimpath -ldflags "$ld" -o "$d/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  build_pulumi_language_nodejs "$d"
}
build_pulumi_language_nodejs() {
  local d="$1" sdkdir
  local ld="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_NODEJS_HOST_SDK_VERSION"
  (cd "$d/src-nodejs-host" && go build -trimpath -ldflags "$ld" -o "$d/bin/pulumi-language-nodejs" "$PULUMI_NODEJS_HOST_PKG")
  # The CLI distribution ships these small scripts beside the binaries; they are in the
  # sdk/v3 module zip under nodejs/dist/. pulumi-analyzer-policy runs Node policy packs
  # when the language host cannot (the v3.68 host's RunPlugin is "not supported").
  sdkdir="$(cd "$d/src-nodejs-host" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  local f
  for f in pulumi-analyzer-policy pulumi-resource-pulumi-nodejs; do
    install -m 0755 "$sdkdir/nodejs/dist/$f" "$d/bin/$f"
  done
}

# ---------------------------------------------------------------- k8s provider
# NOT BUILDABLE HERE (yet): the Go module proxy answers 403 "This module version is not
# available" for github.com/pulumi/pulumi-kubernetes/provider/v4 at every version tried
# (v4.0.0 ... v4.34.2) and for its @v/list. The steps below are what the build would be
# (untested end to end); the tool is therefore not in the default set.
K8S_PROVIDER_MOD=github.com/pulumi/pulumi-kubernetes/provider/v4
prep_pulumi-resource-kubernetes() {
  local d; d="$(tool_dir pulumi-resource-kubernetes)"
  local out
  if ! out="$(go mod download -json "$K8S_PROVIDER_MOD@v$K8S_PROVIDER_VERSION" 2>&1)"; then
    echo "$out"
    echo "cannot download $K8S_PROVIDER_MOD@v$K8S_PROVIDER_VERSION from $GOPROXY (see README.md)"
    return 1
  fi
  local src; src="$(echo "$out" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  # The module cache is read-only and schema-embed.json / terraform-mapping-embed.json are
  # generated (git-ignored): copy the module to a writable folder and generate there.
  rm -rf "$d/src"; mkdir -p "$d"; cp -r "$src" "$d/src"; chmod -R u+w "$d/src"
  (cd "$d/src" && go mod download && go generate ./cmd/pulumi-resource-kubernetes/)
}
build_pulumi-resource-kubernetes() {
  local d; d="$(tool_dir pulumi-resource-kubernetes)"
  local ld="-s -w -X $K8S_PROVIDER_MOD/pkg/version.Version=v$K8S_PROVIDER_VERSION"
  (cd "$d/src" && go build -trimpath -ldflags "$ld" -o "$d/bin/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes)
}

# ---------------------------------------------------------------- driver
usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }

print_env() {
  echo "export PATH=\"$(tool_dir pulumi)/bin:$(dirname "$(tool_bin kube-apiserver)"):$(dirname "$(tool_bin etcd)"):\$PATH\""
  echo "export PULUMI_BIN=\"$(tool_bin pulumi)\""
  echo "export PULUMI_K8S_PROVIDER_BIN=\"$(tool_bin pulumi-resource-kubernetes)\""
  echo "export PULUMI_K8S_PROVIDER_VERSION=\"$K8S_PROVIDER_VERSION\""
  echo "export KUBE_APISERVER_BIN=\"$(tool_bin kube-apiserver)\""
  echo "export ETCD_BIN=\"$(tool_bin etcd)\""
}

main() {
  local want_env=0 tools=()
  for a in "$@"; do
    case "$a" in
      --env) want_env=1 ;;
      --list) for t in "${ALL_TOOLS[@]}" pulumi-resource-kubernetes; do echo "$t $(tool_version "$t") $(tool_bin "$t")"; done; return 0 ;;
      -h|--help) usage; return 0 ;;
      -*) die "unknown option $a" ;;
      *) tool_version "$a" >/dev/null; tools+=("$a") ;;
    esac
  done
  [ ${#tools[@]} -gt 0 ] || tools=("${ALL_TOOLS[@]}")
  mkdir -p "$TOOLS_CACHE"
  log "cache: $TOOLS_CACHE ($(go version | awk '{print $3}'), GOMODCACHE=$GOMODCACHE_DIR)"

  local todo=() t
  # Fast path: everything asked for is cached -> no lock (another run may be building
  # other tools right now).
  for t in "${tools[@]}"; do is_cached "$t" || todo+=("$t"); done
  if [ ${#todo[@]} -gt 0 ]; then
    # One building run at a time per cache.
    exec 9>"$TOOLS_CACHE/.lock"
    flock 9
  fi
  todo=()
  for t in "${tools[@]}"; do
    if is_cached "$t"; then log "$t $(tool_version "$t"): cached ($(tool_bin "$t"))"; else todo+=("$t"); fi
  done

  local total0=$SECONDS kib0; kib0="$(dl_kib)"
  # Phase 1: resolve + download modules (network-bound) in parallel.
  local jobs="${BUILD_TOOLS_PREFETCH_JOBS:-3}" pids=() names=() failed=()
  for t in "${todo[@]}"; do
    mkdir -p "$(tool_dir "$t")"
    (
      STEP_LOG="$(tool_dir "$t")/build.log"; : >"$STEP_LOG"
      log "$t $(tool_version "$t"): preparing wrapper module + downloading modules"
      step "$t: download modules" "prep_$t"
    ) &
    pids+=($!); names+=("$t")
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  done
  local i
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${names[$i]}"); done
  [ ${#todo[@]} -eq 0 ] || log "downloads: $(( ($(dl_kib) - kib0) / 1024 )) MiB added to GOMODCACHE in $((SECONDS - total0))s"

  # Phase 2: compile one at a time (2 cores: go build already uses both).
  for t in "${todo[@]}"; do
    case " ${failed[*]-} " in *" $t "*) continue ;; esac
    STEP_LOG="$(tool_dir "$t")/build.log"
    if step "$t $(tool_version "$t"): build" "build_$t"; then
      touch "$(tool_dir "$t")/.complete"
      log "$t $(tool_version "$t"): built $(tool_bin "$t") ($(du -h "$(tool_bin "$t")" | cut -f1))"
    else
      failed+=("$t")
    fi
  done
  [ ${#todo[@]} -eq 0 ] || log "total: $((SECONDS - total0))s"
  if [ ${#failed[@]} -gt 0 ]; then die "failed: ${failed[*]} (logs: $TOOLS_CACHE/<tool>-<version>/build.log)"; fi
  [ "$want_env" = 0 ] || print_env
}

main "$@"
