/**
 * End to end against a real kube-apiserver: every object the program declares, at every stage and in every
 * environment, is accepted by the API server (server-side apply), what the server then holds matches the
 * manifests, stage changes add or remove exactly the tutorial's policy, the reachability engine decides the
 * tutorial's Verify-access results from what the server holds, and tearing down leaves nothing.
 *
 * What is not here, and why (see scripts/tools/README.md): `pulumi preview`/`up` with the Kubernetes provider
 * and the policy pack. The Go module proxy this project may use refuses every version of
 * github.com/pulumi/pulumi-kubernetes/provider/v4, and Pulumi CLI modules newer than v3.259.0.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadCluster, Analyzer, parseManifestText } from "@calico-advanced-policy/reachability";
import { captureProgram } from "../../plan/capture";
import { Manifest, manifestsOf } from "../../plan/manifests";
import { writeManifests } from "../../plan/render";
import { runProbes } from "../../tutorial/probes";
import { EXPECTED_ACCESS, STAGES } from "../../tutorial/stages";
import { INTERNET_ADDRESS } from "../../plan/reachability";
import { kubectl, kubectlJson, LocalCluster, startCluster, stopCluster } from "./cluster";

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string } };

/**
 * Every field of `expected` is in `actual` with the same value: the server adds defaults and status, and
 * drops empty lists (kubernetesx writes `env: []`, `volumes: []`...), which it stores as absent.
 */
function expectSubset(actual: unknown, expected: unknown, at: string): void {
    if (Array.isArray(expected) && expected.length === 0 && actual === undefined) {
        return;
    }
    if (Array.isArray(expected)) {
        expect(actual, at).to.be.an("array").with.lengthOf(expected.length);
        expected.forEach((e, i) => expectSubset((actual as unknown[])[i], e, `${at}[${i}]`));
    } else if (typeof expected === "object" && expected !== null) {
        expect(actual, at).to.be.an("object");
        for (const [k, v] of Object.entries(expected)) {
            expectSubset((actual as Record<string, unknown>)[k], v, `${at}.${k}`);
        }
    } else {
        expect(actual, at).to.equal(expected);
    }
}

const POLICIES_AT_STAGE: Record<number, string[]> = {
    1: [], 2: ["default-deny-ingress"], 3: ["access-nginx", "default-deny-ingress"],
    4: ["access-nginx", "default-deny-egress", "default-deny-ingress"],
    5: ["access-nginx", "allow-dns-access", "default-deny-egress", "default-deny-ingress"],
    6: ["access-nginx", "allow-dns-access", "allow-egress-to-advance-policy-ns", "default-deny-egress", "default-deny-ingress"],
};

const id = (o: { kind: string; metadata: { name?: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

async function planFor(stack: string, overrides: Record<string, unknown>): Promise<{ manifests: Manifest[]; dir: string }> {
    const manifests = manifestsOf((await captureProgram({ stack, overrides })).resources);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${stack}-`));
    writeManifests(manifests, dir);
    return { manifests, dir };
}

/**
 * The tutorial's pods the stack does not declare: its `access` pod, and kube-dns in kube-system. With no
 * controller-manager, nobody creates the `default` ServiceAccounts that pod admission looks up: declare them.
 */
function tutorialPods(namespace: string): string {
    return `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: ${namespace}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: access, namespace: ${namespace}, labels: {run: access}}
spec: {containers: [{name: access, image: "busybox:1.36", command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  containers:
    - name: coredns
      image: registry.k8s.io/coredns/coredns:v1.11.3
      ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53, protocol: TCP}]
`;
}

describe("end to end: the stack's objects on a real kube-apiserver", function () {
    this.timeout(20 * 60 * 1000);
    let cluster: LocalCluster;

    before(() => {
        cluster = startCluster();
    });
    after(() => {
        if (cluster !== undefined) {
            stopCluster(cluster);
        }
    });

    for (const stack of ["dev", "prod"]) {
        describe(`Pulumi.${stack}.yaml`, () => {
            let previous: Manifest[] = [];
            let namespace = "";

            for (const stage of STAGES) {
                it(`stage ${stage}: the server accepts every object, holds what the plan declares, and only stage ${stage}'s policy changed`, async () => {
                    const { manifests, dir } = await planFor(stack, { stage });
                    namespace = manifests.find((m) => m.object.kind === "Namespace")!.object.metadata.name!;
                    kubectl(cluster, ["apply", "--server-side", "--field-manager=e2e", "-f", dir]);
                    const removed = previous.filter((p) => !manifests.some((m) => id(m.object) === id(p.object)));
                    for (const m of removed.reverse()) {
                        kubectl(cluster, ["delete", m.object.kind.toLowerCase(), "-n", m.object.metadata.namespace!, m.object.metadata.name!]);
                    }
                    const added = manifests.filter((m) => !previous.some((p) => id(p.object) === id(m.object))).map((m) => id(m.object));
                    if (previous.length > 0) {
                        expect(added, "added since the previous stage").to.deep.equal(
                            POLICIES_AT_STAGE[stage]!.filter((p) => !POLICIES_AT_STAGE[stage - 1]!.includes(p)).map((p) => `NetworkPolicy/${namespace}/${p}`));
                    }
                    previous = manifests;

                    const held = kubectlJson<{ items: K8sObject[] }>(cluster, ["get", "networkpolicies", "-n", namespace]).items.map((p) => p.metadata.name).sort();
                    expect(held).to.deep.equal(POLICIES_AT_STAGE[stage]);
                    for (const m of manifests) {
                        const args = m.object.metadata.namespace ? ["-n", m.object.metadata.namespace] : [];
                        const onServer = kubectlJson<K8sObject>(cluster, ["get", m.object.kind.toLowerCase(), m.object.metadata.name!, ...args]);
                        expectSubset(onServer, m.object, id(m.object));
                    }
                });

                it(`stage ${stage}: the engine, reading what the server holds, gives the tutorial's Verify-access results`, () => {
                    kubectl(cluster, ["apply", "--server-side", "--field-manager=e2e", "-f", "-"], tutorialPods(namespace));
                    const dump = kubectl(cluster, ["get", "namespaces,pods,deployments,networkpolicies", "--all-namespaces", "-o", "yaml"]);
                    const engineCluster = loadCluster(parseManifestText(dump, "kube-apiserver"));
                    const results = runProbes(new Analyzer(engineCluster), {
                        access: `${namespace}/access`, nginx: `${namespace}/nginx`, dns: "kube-system/kube-dns", internet: INTERNET_ADDRESS,
                    });
                    expect(Object.fromEntries(results.map((r) => [r.probe, r.succeeds]))).to.deep.equal(EXPECTED_ACCESS[stage]);
                });
            }

            it("tearing down (the tutorial's step 7) leaves nothing of the stack on the server", () => {
                tearDown(cluster, previous, namespace);
            });
        });
    }

    describe("the tutorial-faithful DNS mode", () => {
        it("its kube-system label patch is accepted and makes the tutorial's step 5 resolve", async () => {
            const { dir, manifests } = await planFor("dev", { stage: 5, dnsKubeSystemSelector: "name-label", dnsProtocols: ["UDP"] });
            expect(manifests.filter((m) => m.patch).map((m) => id(m.object))).to.deep.equal(["Namespace//kube-system"]);
            kubectl(cluster, ["apply", "--server-side", "--field-manager=e2e-patch", "-f", dir]);
            const kubeSystem = kubectlJson<K8sObject>(cluster, ["get", "namespace", "kube-system"]);
            expect(kubeSystem.metadata.labels).to.include({ name: "kube-system", "kubernetes.io/metadata.name": "kube-system" });
            kubectl(cluster, ["apply", "--server-side", "--field-manager=e2e", "-f", "-"], tutorialPods("advanced-policy-demo"));
            const dump = kubectl(cluster, ["get", "namespaces,pods,deployments,networkpolicies", "--all-namespaces", "-o", "yaml"]);
            const results = runProbes(new Analyzer(loadCluster(parseManifestText(dump, "kube-apiserver"))), {
                access: "advanced-policy-demo/access", nginx: "advanced-policy-demo/nginx", dns: "kube-system/kube-dns", internet: INTERNET_ADDRESS,
            });
            expect(results.map((r) => r.succeeds)).to.deep.equal([false, false, true]);
            tearDown(cluster, manifests.filter((m) => !m.patch), "advanced-policy-demo");
        });
    });
});

/**
 * Deletes what a stage created, in reverse creation order, then the namespace. No controller-manager
 * runs here, so the namespace controller never finalises a deleted namespace: once it is empty, do its
 * job. Then nothing labelled as ours may be left.
 */
function tearDown(cluster: LocalCluster, created: readonly Manifest[], namespace: string): void {
    kubectl(cluster, ["delete", "pod/access", "serviceaccount/default", "-n", namespace]);
    for (const m of [...created].reverse().filter((x) => x.object.kind !== "Namespace")) {
        kubectl(cluster, ["delete", m.object.kind.toLowerCase(), "-n", m.object.metadata.namespace!, m.object.metadata.name!]);
    }
    kubectl(cluster, ["delete", "namespace", namespace, "--wait=false"]);
    const ns = kubectlJson<K8sObject & { spec: { finalizers?: string[] } }>(cluster, ["get", "namespace", namespace]);
    expect(ns.metadata.deletionTimestamp, "namespace is terminating").to.be.a("string");
    kubectl(cluster, ["replace", "--raw", `/api/v1/namespaces/${namespace}/finalize`, "-f", "-"], JSON.stringify({ ...ns, spec: { finalizers: [] } }));
    const left = kubectlJson<{ items: K8sObject[] }>(cluster, ["get", "namespaces,networkpolicies,deployments,services", "--all-namespaces", "-l", "app.kubernetes.io/managed-by=pulumi"]).items;
    expect(left.map(id)).to.deep.equal([]);
}
