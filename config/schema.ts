/**
 * The stack's configuration keys: type, description, default and checker of each. Pulumi.yaml declares
 * the same keys (a test keeps the two in step); {@link loadStackConfig} reads and checks them all before
 * any resource is registered.
 */
import { EgressAllowlistEntry } from "../components/egressAllowlist";
import { DnsProtocol, KubeSystemSelection } from "../components/allowDns";
import { PeerArgs, PortArgs } from "../components/peers";
import { Stage } from "../tutorial/stages";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** The Pulumi project name, which is also the namespace of the config keys. */
export const PROJECT = "calico-advanced-policy";

/** The checked configuration of one stack. */
export interface StackConfig {
    /** Tutorial step whose state the stack declares. */
    readonly stage: Stage;
    /** Name of the tutorial's namespace. */
    readonly namespace: string;
    /** Extra labels of the namespace. */
    readonly namespaceLabels: Record<string, string>;
    /** nginx pods. */
    readonly nginxReplicas: number;
    /** nginx image, pinned. */
    readonly nginxImage: string;
    /** Protect the namespace from deletion by Pulumi. */
    readonly protectNamespace: boolean;
    /** Keep the namespace in the cluster on destroy. */
    readonly retainNamespaceOnDelete: boolean;
    /** Keep the DNS allowance from step 5 on (turning it off is what the policy pack catches). */
    readonly allowDns: boolean;
    /** Protocols of the DNS allowance. */
    readonly dnsProtocols: DnsProtocol[];
    /** How kube-system is selected by the DNS allowance. */
    readonly dnsKubeSystemSelector: KubeSystemSelection;
    /** NodeLocal DNSCache address to allow too, if any. */
    readonly nodeLocalDnsAddress: string | undefined;
    /** Extra named egress allowances (from step 4 on). */
    readonly egressAllowlist: EgressAllowlistEntry[];
    /** Annotate workloads `pulumi.com/skipAwait` (clusters with no nodes, e.g. end-to-end tests). */
    readonly skipAwait: boolean;
}

/** How Pulumi.yaml types a key (`object` keys are declared without a type: Pulumi has no object type). */
export type ConfigType = "integer" | "string" | "boolean" | "array" | "object";

/** One configuration key. */
export interface ConfigKey<T> {
    /** Type as declared in Pulumi.yaml. */
    readonly type: ConfigType;
    /** Type of the items of an `array` key. */
    readonly items?: "string";
    /** What the key is for, as declared in Pulumi.yaml and shown in the README. */
    readonly description: string;
    /** Value when the stack does not set the key, as declared in Pulumi.yaml. */
    readonly default: unknown;
    /** Checks a value (already JSON-decoded) and returns it typed. */
    readonly parse: (key: string, value: unknown) => T;
}

const PEER_KEYS = ["pods", "namespaces", "cidr", "except"] as const;

function parsePeer(key: string, value: unknown): PeerArgs {
    const peer = check.objectWithKeys(key, value, PEER_KEYS);
    if (peer.cidr !== undefined) {
        if (peer.pods !== undefined || peer.namespaces !== undefined) {
            throw new InputError(key, value, "either cidr (with optional except), or pods and/or namespaces, not both");
        }
        const cidr = check.cidr(`${key}.cidr`, peer.cidr);
        const except = peer.except === undefined ? [] : check.list(`${key}.except`, peer.except, check.cidr);
        return { ipBlock: { cidr, ...(except.length > 0 ? { except } : {}) } };
    }
    if (peer.except !== undefined) {
        throw new InputError(`${key}.except`, peer.except, "except only together with cidr");
    }
    const pods = peer.pods === undefined ? undefined : { matchLabels: check.labels(`${key}.pods`, peer.pods) };
    const namespaces = peer.namespaces === undefined ? undefined : { matchLabels: check.labels(`${key}.namespaces`, peer.namespaces) };
    if (pods !== undefined) {
        return namespaces !== undefined ? { podSelector: pods, namespaceSelector: namespaces } : { podSelector: pods };
    }
    if (namespaces !== undefined) {
        return { namespaceSelector: namespaces };
    }
    throw new InputError(key, value, "a destination with pods, namespaces (labels) or cidr");
}

function parsePort(key: string, value: unknown): PortArgs {
    const p = check.objectWithKeys(key, value, ["port", "endPort", "protocol"]);
    return {
        ...(p.protocol !== undefined ? { protocol: check.protocol(`${key}.protocol`, p.protocol) } : {}),
        ...(p.port !== undefined ? { port: check.portOrName(`${key}.port`, p.port) } : {}),
        ...(p.endPort !== undefined ? { endPort: check.port(`${key}.endPort`, p.endPort) } : {}),
    };
}

function parseEntry(key: string, value: unknown): EgressAllowlistEntry {
    const e = check.objectWithKeys(key, value, ["name", "podLabels", "to", "ports"]);
    return {
        name: check.dnsLabel(`${key}.name`, e.name),
        ...(e.podLabels !== undefined ? { podSelector: { matchLabels: check.labels(`${key}.podLabels`, e.podLabels) } } : {}),
        to: check.list(`${key}.to`, e.to, parsePeer),
        ...(e.ports !== undefined ? { ports: check.list(`${key}.ports`, e.ports, parsePort) } : {}),
    };
}

/** Every configuration key of the stack, by name (without the project prefix). */
export const CONFIG_SCHEMA: { readonly [K in keyof StackConfig]: ConfigKey<StackConfig[K]> } = {
    stage: {
        type: "integer", default: 6,
        description: "Tutorial step whose state the stack declares: 1 namespace+nginx, 2 +default-deny-ingress, 3 +access-nginx, 4 +default-deny-egress, 5 +allow-dns-access, 6 +egress to nginx.",
        parse: (k, v) => check.oneOf(k, v, [1, 2, 3, 4, 5, 6] as const),
    },
    namespace: {
        type: "string", default: "advanced-policy-demo",
        description: "Name of the isolated namespace (a DNS-1123 label; not default, kube-system, kube-public or kube-node-lease).",
        parse: check.isolatableNamespace,
    },
    namespaceLabels: {
        type: "object", default: {},
        description: "Extra labels of the namespace, as a map of label keys to values.",
        parse: check.labels,
    },
    nginxReplicas: {
        type: "integer", default: 2,
        description: "Number of nginx pods (1 to 100).",
        parse: (k, v) => check.integer(k, v, 1, 100),
    },
    nginxImage: {
        type: "string", default: "nginx:1.27.3",
        description: "nginx image, pinned to a version or digest (never 'latest').",
        parse: check.pinnedImage,
    },
    protectNamespace: {
        type: "boolean", default: false,
        description: "Protect the namespace from deletion by Pulumi (deleting a namespace deletes everything in it).",
        parse: check.boolean,
    },
    retainNamespaceOnDelete: {
        type: "boolean", default: false,
        description: "Leave the namespace in the cluster when the stack is destroyed.",
        parse: check.boolean,
    },
    allowDns: {
        type: "boolean", default: true,
        description: "From stage 5, allow DNS egress to kube-dns. Turning it off leaves an egress-isolated namespace without DNS: the policy pack blocks that.",
        parse: check.boolean,
    },
    dnsProtocols: {
        type: "array", items: "string", default: ["UDP", "TCP"],
        description: "Protocols allowed to kube-dns on port 53: UDP and/or TCP (answers over 512 bytes fall back to TCP).",
        parse: (k, v) => check.nonEmptyUniqueList(k, v, (ik, iv) => check.oneOf(ik, iv, ["UDP", "TCP"] as const)),
    },
    dnsKubeSystemSelector: {
        type: "string", default: "metadata-name",
        description: "How the DNS allowance selects kube-system: 'metadata-name' (kubernetes.io/metadata.name, set by Kubernetes) or 'name-label' (label kube-system name=kube-system, as the tutorial does).",
        parse: (k, v) => check.oneOf(k, v, ["metadata-name", "name-label"] as const),
    },
    nodeLocalDnsAddress: {
        type: "string", default: "",
        description: "Address of a NodeLocal DNSCache to allow on port 53 as well (e.g. 169.254.20.10); empty for none.",
        parse: (k, v) => (v === "" ? undefined : check.ipAddress(k, v)),
    },
    egressAllowlist: {
        type: "object", default: [],
        description: "Extra named egress allowances (stage 4 and later): [{name, podLabels?, to: [{pods?, namespaces?} | {cidr, except?}], ports?: [{port?, endPort?, protocol?}]}].",
        parse: (k, v) => check.list(k, v, parseEntry),
    },
    skipAwait: {
        type: "boolean", default: false,
        description: "Annotate the nginx Deployment and Service pulumi.com/skipAwait, for clusters without nodes (end-to-end tests only).",
        parse: check.boolean,
    },
};
