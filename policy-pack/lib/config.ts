/**
 * The configuration each policy reads, with its JSON schema (what `pulumi policy` validates and the
 * offline runner fills defaults from).
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_DNS, DnsAssumptions } from "./cluster";
import { ISOLATION_LABELS } from "./isolation";

const stringMap = { type: "object", additionalProperties: { type: "string" } } as const;
const stringList = { type: "array", items: { type: "string" } } as const;

/** Config of `isolated-namespaces-allow-dns`. */
export interface DnsPolicyConfig extends DnsAssumptions {
    /** Require TCP 53 as well as UDP 53. */
    readonly requireTcp: boolean;
    /** Label IsolatedNamespace puts on a Namespace isolated for egress. */
    readonly isolationLabel: string;
}

/** Schema of {@link DnsPolicyConfig}. */
export const DNS_POLICY_SCHEMA: PolicyConfigSchema = {
    properties: {
        requireTcp: { type: "boolean", default: true, description: "Require TCP 53 as well as UDP 53 (answers over 512 bytes fall back to TCP)." },
        dnsNamespace: { type: "string", default: DEFAULT_DNS.dnsNamespace, description: "Namespace of the cluster DNS pods." },
        dnsNamespaceLabels: { ...stringMap, default: {}, description: "Labels that namespace carries in the cluster beyond kubernetes.io/metadata.name, which Kubernetes always sets." },
        dnsPodLabels: { ...stringMap, default: { ...DEFAULT_DNS.dnsPodLabels }, description: "Labels of the cluster DNS pods." },
        dnsPodAddresses: { ...stringList, default: [], description: "Pod IPs of the cluster DNS pods, if known: an ipBlock containing them then counts." },
        isolationLabel: { type: "string", default: ISOLATION_LABELS.Egress, description: "Label (value \"true\") marking a Namespace isolated for egress." },
    },
};

/** Config of the policies that can exempt namespaces. */
export interface ExemptNamespacesConfig {
    /** Namespaces the policy does not check. */
    readonly exemptNamespaces: readonly string[];
}

/** Schema of {@link ExemptNamespacesConfig}. */
export const EXEMPT_NAMESPACES_SCHEMA: PolicyConfigSchema = {
    properties: { exemptNamespaces: { ...stringList, default: [], description: "Namespaces this policy does not check." } },
};

/** Config of `container-images-pinned`. */
export interface ImagesConfig {
    /** Require a digest, not only a tag. */
    readonly requireDigest: boolean;
}

/** Schema of {@link ImagesConfig}. */
export const IMAGES_SCHEMA: PolicyConfigSchema = {
    properties: { requireDigest: { type: "boolean", default: false, description: "Require images pinned by digest (@sha256:...), not only by tag." } },
};

/** Config of `services-select-existing-pods`. */
export interface ServicesConfig {
    /** Services (`namespace/name`) allowed to select pods the stack does not declare. */
    readonly exemptServices: readonly string[];
}

/** Schema of {@link ServicesConfig}. */
export const SERVICES_SCHEMA: PolicyConfigSchema = {
    properties: { exemptServices: { ...stringList, default: [], description: "Services (namespace/name) allowed to select pods declared elsewhere." } },
};
