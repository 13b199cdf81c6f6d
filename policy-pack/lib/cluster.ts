/**
 * Builds the reachability engine's view of a stack: the stack's Namespaces, workloads and NetworkPolicies,
 * plus what lives outside the stack but decides DNS (kube-system and its kube-dns pods, assumed to carry
 * Kubernetes' defaults unless configured otherwise), plus a probe pod in each namespace, with no labels,
 * standing for any pod created there later (such as the tutorial's `kubectl run access`).
 */
import { Analyzer, Cluster, Endpoint, InvalidInputError, loadCluster, ManifestDocument } from "@calico-advanced-policy/reachability";
import { labelsOf, nameOf, namespaceOf, StackResource, TYPES, WORKLOAD_TYPES } from "./resources";

/** What the pack assumes about the cluster DNS, which the stack usually does not declare. */
export interface DnsAssumptions {
    /** Namespace of the DNS pods. @default "kube-system" */
    readonly dnsNamespace: string;
    /** Labels that namespace carries beyond `kubernetes.io/metadata.name` (which Kubernetes always sets). @default {} */
    readonly dnsNamespaceLabels: Readonly<Record<string, string>>;
    /** Labels of the DNS pods. @default {"k8s-app": "kube-dns"} */
    readonly dnsPodLabels: Readonly<Record<string, string>>;
    /** Pod IPs of the DNS pods, if known: an ipBlock containing them then counts. @default [] */
    readonly dnsPodAddresses: readonly string[];
}

/** Kubernetes' defaults for the cluster DNS. */
export const DEFAULT_DNS: DnsAssumptions = {
    dnsNamespace: "kube-system",
    dnsNamespaceLabels: {},
    dnsPodLabels: { "k8s-app": "kube-dns" },
    dnsPodAddresses: [],
};

/** Name of the probe pod that stands for "any pod created later" in a namespace (a pod with no labels). */
export const PROBE_POD = "any-new-pod";
const DNS_POD = "kube-dns";
const ASSUMED = "assumed outside the stack";

/** The engine's view of a stack, ready for questions. */
export interface StackCluster {
    /** The loaded cluster. */
    readonly cluster: Cluster;
    /** The compiled analyzer. */
    readonly analyzer: Analyzer;
    /** Endpoint id of the (assumed or declared) DNS pods. */
    readonly dnsEndpoint: string;
    /** Namespaces the stack declares or puts objects in, sorted. */
    readonly stackNamespaces: readonly string[];
    /** Labels the DNS namespace ends up with (defaults, config and the stack's patches). */
    readonly dnsNamespaceLabels: Readonly<Record<string, string>>;
    /** Pods and workloads of a namespace the checks apply to: the stack's, and the probe. */
    endpointsIn(namespace: string): Endpoint[];
}

/**
 * Loads the stack's objects and the assumed DNS into the engine; an object the engine refuses comes back as
 * its error message, for the policy to report instead of failing the whole preview.
 */
export function tryBuildStackCluster(resources: readonly StackResource[], dns: DnsAssumptions = DEFAULT_DNS): StackCluster | string {
    try {
        return buildStackCluster(resources, dns);
    } catch (e) {
        if (e instanceof InvalidInputError) {
            return e.message;
        }
        throw e;
    }
}

/** The DNS namespace as assumed outside the stack, with the labels it carries beyond its name label. */
export function assumedDnsNamespace(dns: DnsAssumptions, labels: Readonly<Record<string, string>>, source: string): ManifestDocument {
    return { source, object: { apiVersion: "v1", kind: "Namespace", metadata: { name: dns.dnsNamespace, labels: { ...labels } } } };
}

/** The cluster DNS pods as assumed outside the stack: `dns` on UDP 53 and `dns-tcp` on TCP 53, with their IPs if known. */
export function assumedDnsPod(dns: DnsAssumptions, source: string): ManifestDocument {
    return {
        source,
        object: {
            apiVersion: "v1", kind: "Pod",
            metadata: { name: DNS_POD, namespace: dns.dnsNamespace, labels: { ...dns.dnsPodLabels } },
            spec: { containers: [{ name: "coredns", ports: [{ name: "dns", containerPort: 53, protocol: "UDP" }, { name: "dns-tcp", containerPort: 53, protocol: "TCP" }] }] },
            ...(dns.dnsPodAddresses.length > 0 ? { status: { podIP: dns.dnsPodAddresses[0], podIPs: dns.dnsPodAddresses.map((ip) => ({ ip })) } } : {}),
        },
    };
}

/** Endpoint id of the assumed DNS pods. */
export function assumedDnsEndpoint(dns: DnsAssumptions): string {
    return `${dns.dnsNamespace}/${DNS_POD}`;
}

/** Loads the stack's objects and the assumed DNS into the engine. */
export function buildStackCluster(resources: readonly StackResource[], dns: DnsAssumptions = DEFAULT_DNS): StackCluster {
    const docs: ManifestDocument[] = [];
    const namespaces = new Set<string>();
    let dnsNamespaceDeclared = false;
    let dnsPodDeclared: string | undefined;
    const patchedLabels: Record<string, string> = {};

    for (const r of resources) {
        if (r.type === TYPES.namespace) {
            namespaces.add(nameOf(r));
            dnsNamespaceDeclared ||= nameOf(r) === dns.dnsNamespace;
            docs.push({ source: r.urn, object: { apiVersion: "v1", kind: "Namespace", metadata: { name: nameOf(r), labels: labelsOf(r) } } });
        } else if (r.type === TYPES.namespacePatch && nameOf(r) === dns.dnsNamespace) {
            Object.assign(patchedLabels, labelsOf(r));
        } else if (r.type === TYPES.networkPolicy) {
            namespaces.add(namespaceOf(r));
            docs.push({ source: r.urn, object: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: objectMeta(r), spec: r.props.spec } });
        } else if (WORKLOAD_TYPES[r.type] !== undefined) {
            const template = WORKLOAD_TYPES[r.type]!(r.props);
            const podMeta = objectMeta(r);
            const isDns = podMeta.namespace === dns.dnsNamespace && matches(template?.metadata?.labels ?? {}, dns.dnsPodLabels);
            if (isDns) {
                dnsPodDeclared = `${podMeta.namespace}/${podMeta.name}`;
            } else {
                namespaces.add(namespaceOf(r));
            }
            docs.push({ source: r.urn, object: minimalWorkload(r, template) });
        }
    }

    const dnsNamespaceLabels = { ...dns.dnsNamespaceLabels, ...patchedLabels };
    if (!dnsNamespaceDeclared) {
        docs.push(assumedDnsNamespace(dns, dnsNamespaceLabels, ASSUMED));
    }
    if (dnsPodDeclared === undefined) {
        docs.push(assumedDnsPod(dns, ASSUMED));
    }
    namespaces.delete(dns.dnsNamespace);
    for (const ns of namespaces) {
        docs.push({ source: `probe: any pod created later in ${ns}`, object: { apiVersion: "v1", kind: "Pod", metadata: { name: PROBE_POD, namespace: ns } } });
    }

    const cluster = loadCluster(docs);
    const analyzer = new Analyzer(cluster);
    return {
        cluster,
        analyzer,
        dnsEndpoint: dnsPodDeclared ?? assumedDnsEndpoint(dns),
        stackNamespaces: [...namespaces].sort(),
        dnsNamespaceLabels: cluster.namespaceLabels(dns.dnsNamespace) ?? dnsNamespaceLabels,
        endpointsIn: (namespace) => cluster.endpoints.filter((e) => e.namespace === namespace),
    };
}

function objectMeta(r: StackResource): { name: string; namespace: string } {
    return { name: nameOf(r), namespace: namespaceOf(r) };
}

function matches(labels: Record<string, string>, wanted: Readonly<Record<string, string>>): boolean {
    return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/**
 * The workload as the engine needs it: its kind, name, and pod template's labels and container ports.
 * Reading only these keeps the check runnable during a preview, when other fields may still be unknown.
 */
function minimalWorkload(r: StackResource, template: Record<string, any> | undefined): Record<string, unknown> {
    const podTemplate = {
        metadata: { labels: { ...(template?.metadata?.labels ?? {}) } },
        spec: { containers: (template?.spec?.containers ?? []).map((c: Record<string, any>) => ({ name: c.name, ports: c.ports ?? [] })) },
    };
    const [, module = "", kind = ""] = r.type.split(":");
    const apiVersion = module.replace(/^core\//, "");
    const metadata = objectMeta(r);
    if (kind === "Pod") {
        return { apiVersion, kind, metadata: { ...metadata, ...podTemplate.metadata }, spec: podTemplate.spec };
    }
    if (kind === "CronJob") {
        return { apiVersion, kind, metadata, spec: { jobTemplate: { spec: { template: podTemplate } } } };
    }
    return { apiVersion, kind, metadata, spec: { template: podTemplate } };
}
