#!/usr/bin/env bash
# A throwaway Kubernetes control plane (etcd + kube-apiserver only, no kubelet, no
# controller-manager, no scheduler) on loopback, for end-to-end tests.
#
#   scripts/tools/local-cluster.sh start [DIR]   start; prints `export KUBECONFIG=...` on stdout
#   scripts/tools/local-cluster.sh stop  DIR     stop both processes, delete DIR (KEEP_CLUSTER_DIR=1 keeps it)
#   scripts/tools/local-cluster.sh run CMD...    start in a temp dir, run CMD with KUBECONFIG set,
#                                                stop and clean up whatever CMD returns; exits with CMD's code
#   scripts/tools/local-cluster.sh status DIR
#
# Binaries: $KUBE_APISERVER_BIN / $ETCD_BIN, else taken from scripts/tools/build-tools.sh
# (which builds them if they are not cached yet). Ports: free ports picked at random on
# 127.0.0.1 unless ETCD_CLIENT_PORT / ETCD_PEER_PORT / APISERVER_PORT are set.
#
# Auth: static token file (user "admin", group system:masters) + RBAC; serving cert
# signed by a throwaway CA made with openssl; service-account keys made with openssl.
# DIR holds: kubeconfig, token, pki/, etcd-data/, *.log, *.pid, env.
# Pods are never run (no kubelet): Deployments are stored but never become ready, so
# Pulumi resources need the `pulumi.com/skipAwait: "true"` annotation.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[local-cluster] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

resolve_bins() {
  if [ -z "${KUBE_APISERVER_BIN:-}" ] || [ -z "${ETCD_BIN:-}" ]; then
    eval "$("$HERE/build-tools.sh" --env etcd kube-apiserver)"
  fi
  [ -x "$KUBE_APISERVER_BIN" ] || die "kube-apiserver not found at $KUBE_APISERVER_BIN"
  [ -x "$ETCD_BIN" ] || die "etcd not found at $ETCD_BIN"
}

free_port() {
  # Ask the kernel for a free loopback port.
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});' 2>/dev/null ||
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
}

wait_for() { # wait_for SECONDS DESCRIPTION CMD...
  local limit="$1" what="$2"; shift 2
  local t0=$SECONDS
  until "$@" >/dev/null 2>&1; do
    [ $((SECONDS - t0)) -lt "$limit" ] || return 1
    sleep 0.5
  done
  log "$what ready after $((SECONDS - t0))s"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

make_pki() {
  local p="$1/pki"; mkdir -p "$p"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=local-cluster-ca" \
    -keyout "$p/ca.key" -out "$p/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$p/apiserver.key" -out "$p/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.96.0.1\nextendedKeyUsage=serverAuth\n' >"$p/ext.cnf"
  openssl x509 -req -in "$p/apiserver.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 2 -extfile "$p/ext.cnf" -out "$p/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
}

cmd_start() {
  resolve_bins
  local dir="${1:-}"
  if [ -z "$dir" ]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/local-cluster.XXXXXX")"; fi
  mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
  if alive "$dir/apiserver.pid"; then log "already running in $dir"; echo "export KUBECONFIG=\"$dir/kubeconfig\""; return 0; fi
  local t0=$SECONDS
  local ecp="${ETCD_CLIENT_PORT:-$(free_port)}" epp="${ETCD_PEER_PORT:-$(free_port)}" ap="${APISERVER_PORT:-$(free_port)}"
  make_pki "$dir"
  local token; token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  echo "$token" >"$dir/token"
  echo "$token,admin,admin,system:masters" >"$dir/tokens.csv"

  log "starting etcd on 127.0.0.1:$ecp (data: $dir/etcd-data)"
  setsid "$ETCD_BIN" --name local --data-dir "$dir/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ecp" --advertise-client-urls "http://127.0.0.1:$ecp" \
    --listen-peer-urls "http://127.0.0.1:$epp" --initial-advertise-peer-urls "http://127.0.0.1:$epp" \
    --initial-cluster "local=http://127.0.0.1:$epp" --unsafe-no-fsync --log-level warn \
    >"$dir/etcd.log" 2>&1 </dev/null &
  echo $! >"$dir/etcd.pid"
  wait_for 30 etcd curl -fsS "http://127.0.0.1:$ecp/health" ||
    { tail -n 30 "$dir/etcd.log" >&2; cmd_stop "$dir"; die "etcd did not become healthy"; }

  log "starting kube-apiserver on https://127.0.0.1:$ap"
  setsid "$KUBE_APISERVER_BIN" \
    --etcd-servers "http://127.0.0.1:$ecp" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$ap" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --cert-dir "$dir/pki" \
    --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
    --api-audiences https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 \
    --enable-priority-and-fairness=false --profiling=false \
    ${APISERVER_EXTRA_ARGS:-} \
    >"$dir/apiserver.log" 2>&1 </dev/null &
  echo $! >"$dir/apiserver.pid"

  cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$ap
    certificate-authority-data: $(base64 -w0 <"$dir/pki/ca.crt")
users:
- name: admin
  user:
    token: $token
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: default}
current-context: local
EOF
  chmod 600 "$dir/kubeconfig"
  wait_for 120 kube-apiserver curl -fsS --cacert "$dir/pki/ca.crt" -H "Authorization: Bearer $token" \
    "https://127.0.0.1:$ap/readyz" ||
    { tail -n 40 "$dir/apiserver.log" >&2; cmd_stop "$dir"; die "kube-apiserver did not become ready"; }
  # The "default" namespace is created by the apiserver itself shortly after /readyz.
  wait_for 30 'namespace "default"' kubectl --kubeconfig "$dir/kubeconfig" get ns default || true
  printf 'export KUBECONFIG="%s"\nLOCAL_CLUSTER_DIR="%s"\n' "$dir/kubeconfig" "$dir" >"$dir/env"
  log "up in $((SECONDS - t0))s: KUBECONFIG=$dir/kubeconfig (stop: $0 stop $dir)"
  echo "export KUBECONFIG=\"$dir/kubeconfig\""
}

stop_pid() {
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

cmd_stop() {
  local dir="${1:?usage: stop DIR}"
  [ -d "$dir" ] || { log "$dir does not exist"; return 0; }
  stop_pid "$dir/apiserver.pid"
  stop_pid "$dir/etcd.pid"
  if [ "${KEEP_CLUSTER_DIR:-0}" = 1 ]; then log "stopped; kept $dir"; else rm -rf "$dir"; log "stopped; removed $dir"; fi
}

cmd_status() {
  local dir="${1:?usage: status DIR}" s=0
  alive "$dir/etcd.pid" && log "etcd: running ($(cat "$dir/etcd.pid"))" || { log "etcd: stopped"; s=1; }
  alive "$dir/apiserver.pid" && log "kube-apiserver: running ($(cat "$dir/apiserver.pid"))" || { log "kube-apiserver: stopped"; s=1; }
  return $s
}

cmd_run() {
  [ $# -gt 0 ] || die "usage: run CMD..."
  local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/local-cluster.XXXXXX")"
  trap 'cmd_stop "'"$dir"'"' EXIT
  cmd_start "$dir" >/dev/null
  local rc=0
  KUBECONFIG="$dir/kubeconfig" LOCAL_CLUSTER_DIR="$dir" "$@" || rc=$?
  return $rc
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
