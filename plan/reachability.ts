/**
 * The stack's objects as the reachability engine sees them, plus what the tutorial's checks need that
 * the stack does not declare: its `access` pod, kube-system with the kube-dns pods, and an internet
 * address standing for google.com.
 */
import { Analyzer, Cluster, loadCluster, ManifestDocument } from "@calico-advanced-policy/reachability";
import { Capture } from "./capture";
import { manifestsOf } from "./manifests";
import { ProbeTargets } from "../tutorial/probes";
import { assumedDnsEndpoint, assumedDnsNamespace, assumedDnsPod, DEFAULT_DNS } from "../policy-pack/lib/cluster";

/** Address standing for google.com in the tutorial's checks. */
export const INTERNET_ADDRESS = "142.250.80.46";

/** The engine's view of a capture with the tutorial's extra pods, and the probes' endpoints. */
export interface TutorialCluster {
    readonly cluster: Cluster;
    readonly analyzer: Analyzer;
    readonly targets: ProbeTargets;
}

/**
 * Loads a capture into the engine with the tutorial's `access` pod in the stack's namespace, kube-system
 * (with the labels the stack patches onto it) and its kube-dns pods.
 */
export function tutorialCluster(capture: Capture): TutorialCluster {
    const manifests = manifestsOf(capture.resources);
    const namespace = manifests.find((m) => m.object.kind === "Namespace" && !m.patch)?.object.metadata.name;
    const nginx = manifests.find((m) => m.object.kind === "Deployment")?.object.metadata;
    if (namespace === undefined || nginx?.name === undefined) {
        throw new Error("the stack declares no namespace or no nginx Deployment");
    }
    const kubeSystemLabels = Object.assign({}, ...manifests
        .filter((m) => m.patch && m.object.metadata.name === DEFAULT_DNS.dnsNamespace)
        .map((m) => (m.object.metadata as { labels?: Record<string, string> }).labels ?? {})) as Record<string, string>;
    const docs: ManifestDocument[] = [
        ...manifests.filter((m) => !m.patch).map((m) => ({ source: m.urn, object: m.object })),
        assumedDnsNamespace(DEFAULT_DNS, kubeSystemLabels, "tutorial: kube-system"),
        assumedDnsPod(DEFAULT_DNS, "tutorial: kube-dns"),
        {
            source: "tutorial: kubectl run access",
            object: { apiVersion: "v1", kind: "Pod", metadata: { name: "access", namespace, labels: { run: "access" } }, spec: { containers: [{ name: "access" }] } },
        },
    ];
    const cluster = loadCluster(docs);
    return {
        cluster,
        analyzer: new Analyzer(cluster),
        targets: { access: `${namespace}/access`, nginx: `${nginx.namespace}/${nginx.name}`, dns: assumedDnsEndpoint(DEFAULT_DNS), internet: INTERNET_ADDRESS },
    };
}
