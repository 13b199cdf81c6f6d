/**
 * The engine's data model: what a cluster looks like once loaded, validated and normalised, and the
 * shape of the answers. Everything here is plain, immutable data; behaviour lives in other modules.
 */

/** A transport protocol a NetworkPolicy can name. Kubernetes spells them in upper case, exactly. */
export type Protocol = "TCP" | "UDP" | "SCTP";

/** Every protocol, in the order the engine reports them. */
export const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];

/** Labels of a pod, a pod template or a namespace. */
export type Labels = Readonly<Record<string, string>>;

/** A port a container declares (`spec.containers[].ports[]`): its number, protocol and optional name. */
export interface ContainerPort {
  /** The IANA service name other objects may refer to (named ports), if declared. */
  readonly name?: string;
  /** `containerPort`, 1-65535. */
  readonly port: number;
  /** @default "TCP" */
  readonly protocol: Protocol;
}

/**
 * Something NetworkPolicy can select: a Pod, or a workload (Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicationController) standing for the pods its template creates.
 */
export interface Endpoint {
  /** `namespace/name` of the Pod or of the workload. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** `Pod`, `Deployment`, ... */
  readonly kind: string;
  /** The pod's labels (for a workload, the labels of its pod template). */
  readonly labels: Labels;
  /** Known pod IPs (`status.podIP`, `status.podIPs`); empty for workloads and pods not yet scheduled. */
  readonly ips: readonly string[];
  /** Declared container ports (containers and init containers), in declaration order. */
  readonly ports: readonly ContainerPort[];
}

/** One end of a flow: an endpoint of the cluster (by id) or an address outside it (IPv4 or IPv6). */
export type Peer = { readonly endpoint: string } | { readonly address: string };

/** What one direction (egress at the source, ingress at the destination) says about a flow. */
export interface DirectionVerdict {
  readonly direction: "ingress" | "egress";
  /** False when this side of the flow is an address outside the cluster: NetworkPolicy has no say there. */
  readonly applies: boolean;
  /** True when at least one NetworkPolicy selects the pod for this direction. */
  readonly isolated: boolean;
  /** True when the direction lets the flow through (not isolated, or some rule matches). */
  readonly allowed: boolean;
  /** Ids (`ns/name`) of the policies that isolate the pod for this direction, sorted. */
  readonly isolatedBy: string[];
  /** The rules that allow the flow: policy id and the rule's index in `spec.ingress` / `spec.egress`. */
  readonly allowedBy: { policy: string; rule: number }[];
}

/** The answer to "may this flow pass?": both directions, and human sentences saying why. */
export interface Verdict {
  /** Egress at the source and ingress at the destination both allow it. */
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** Sentences explaining the decision, egress first. */
  readonly reasons: string[];
}

/** One line of a report: a flow between two named peers on one port and protocol, and its verdict. */
export interface Flow {
  /** Endpoint id (`ns/name`) or address. */
  readonly from: string;
  /** Endpoint id (`ns/name`) or address. */
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  /** Why, as in Verdict.reasons. */
  readonly reasons: string[];
}

/** A label selector operator (`matchExpressions[].operator`). */
export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** One `matchExpressions` requirement. `values` is empty for Exists and DoesNotExist. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/**
 * A validated label selector. Both parts must hold (AND); an empty selector (no labels, no
 * expressions) selects everything.
 */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

/** A validated `ipBlock`: a CIDR minus the CIDRs in `except` (each a strict subset of `cidr`). */
export interface IpBlock {
  /** The CIDR as written (host bits, if any, are ignored when matching, as Kubernetes does). */
  readonly cidr: string;
  readonly except: readonly string[];
}

/**
 * One `from`/`to` entry of a rule. Either selectors (at least one of the two present) or an ipBlock,
 * never both (validated).
 * - podSelector only: pods matching it in the policy's own namespace;
 * - namespaceSelector only: every pod of the matching namespaces;
 * - both: pods matching podSelector in namespaces matching namespaceSelector (AND).
 */
export type PolicyPeer =
  | { readonly kind: "selector"; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  | { readonly kind: "ipBlock"; readonly ipBlock: IpBlock };

/**
 * One `ports` entry of a rule, defaults filled: protocol defaults to TCP; `port` absent means every
 * port of the protocol; a string `port` is a named port resolved against the destination pod's
 * container ports; `endPort` (only with a numeric port) makes it the range `port..endPort`.
 */
export interface PolicyPort {
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

/**
 * One ingress or egress rule. Kubernetes semantics, kept as-is: an empty `peers` list (field absent,
 * null or `[]`) matches every source/destination, including addresses outside the cluster; an empty
 * `ports` list matches every port of every protocol.
 */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
}

/** A policy direction. */
export type PolicyType = "Ingress" | "Egress";

/**
 * A validated NetworkPolicy with every default filled: `policyTypes` is explicit (Ingress, plus Egress
 * when `spec.egress` has at least one rule, when the manifest left it out). Rules of a direction not
 * listed in `policyTypes` have no effect.
 */
export interface NetworkPolicy {
  /** `namespace/name`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** Where it was declared, e.g. `policies.yaml#2`. */
  readonly source: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly PolicyType[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}
