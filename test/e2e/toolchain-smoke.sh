#!/usr/bin/env bash
# Smoke test of the e2e toolchain (scripts/tools/): builds/caches the tools, starts a
# throwaway etcd + kube-apiserver, applies a NetworkPolicy + Deployment with kubectl,
# and runs `pulumi preview/up` of a provider-less TypeScript program fully offline
# against the repository's node_modules. Ends with "N passed, N failed".
#
# Usage: bash test/e2e/toolchain-smoke.sh   (from anywhere; needs node >= 22 on PATH
#        or .ci/node.sh, kubectl, openssl, Go at /usr/local/go)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/scripts/tools"
# shellcheck disable=SC1091
source "$ROOT/.ci/node.sh"

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   - $*"; }
ko() { fail=$((fail + 1)); echo "FAIL - $*"; }
check() { local name="$1"; shift; if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else ko "$name"; sed 's/^/    /' "$WORK/last.log" | tail -n 20; fi; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/e2e-smoke.XXXXXX")"
CLUSTER="$WORK/cluster"
cleanup() { "$TOOLS/local-cluster.sh" stop "$CLUSTER" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

if eval "$("$TOOLS/build-tools.sh" --env)"; then ok "build-tools.sh (etcd, kube-apiserver, pulumi)"; else ko "build-tools.sh"; echo "0 passed, 1 failed"; exit 1; fi

# ---- cluster
if eval "$("$TOOLS/local-cluster.sh" start "$CLUSTER")"; then
  ok "local-cluster start"
  check "kubectl get ns default" kubectl get ns default
  cat >"$WORK/objs.yaml" <<'EOF'
apiVersion: v1
kind: Namespace
metadata: {name: smoke}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: smoke}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: smoke}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
EOF
  check "kubectl apply NetworkPolicy + Deployment" kubectl apply -f "$WORK/objs.yaml"
  check "NetworkPolicy stored" kubectl -n smoke get networkpolicy default-deny
else
  ko "local-cluster start"
fi

# ---- pulumi offline
export PULUMI_HOME="$WORK/pulumi-home" PULUMI_BACKEND_URL="file://$WORK/state" \
  PULUMI_CONFIG_PASSPHRASE=smoke PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
  PULUMI_SKIP_UPDATE_CHECK=true
mkdir -p "$WORK/state" "$WORK/prog"
ln -s "$ROOT/node_modules" "$WORK/prog/node_modules"
cat >"$WORK/prog/Pulumi.yaml" <<'EOF'
name: e2e-smoke
runtime:
  name: nodejs
  options:
    typescript: true
EOF
echo '{"name":"e2e-smoke","private":true,"main":"index.ts"}' >"$WORK/prog/package.json"
echo '{"compilerOptions":{"strict":true,"target":"es2022","module":"commonjs","moduleResolution":"node","esModuleInterop":true,"skipLibCheck":true}}' >"$WORK/prog/tsconfig.json"
cat >"$WORK/prog/index.ts" <<'EOF'
import * as pulumi from "@pulumi/pulumi";
class Thing extends pulumi.ComponentResource {
  public readonly name: pulumi.Output<string>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("e2e:smoke:Thing", name, {}, opts);
    this.name = pulumi.output(name).apply((n) => n.toUpperCase());
    this.registerOutputs({ name: this.name });
  }
}
export const out = new Thing("hello").name;
EOF
cd "$WORK/prog" || exit 1
check "pulumi stack init" pulumi stack init dev --non-interactive
check "pulumi preview" pulumi preview --non-interactive
check "pulumi up" pulumi up --yes --non-interactive --skip-preview
if [ "$(pulumi stack output out 2>/dev/null)" = HELLO ]; then ok "pulumi stack output"; else ko "pulumi stack output"; fi
check "pulumi destroy" pulumi destroy --yes --non-interactive --skip-preview

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
