import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { childOptions, LabelSelector, MANAGED_BY_LABELS, NAMESPACE_NAME_LABEL, typeToken } from "./common";
import { checkSelector, toNetworkPolicyPorts } from "./peers";
import * as check from "../validation/rules";

/** How the DNS namespace (kube-system) is selected. */
export type KubeSystemSelection =
    /** By `kubernetes.io/metadata.name`, which Kubernetes sets on every namespace. */
    | "metadata-name"
    /** As the tutorial does: label kube-system `name=kube-system` (a server-side apply patch) and select by that label. */
    | "name-label";

/** The protocols DNS is served on. */
export type DnsProtocol = "UDP" | "TCP";

/** Arguments of {@link AllowDns}. */
export interface AllowDnsArgs {
    /** Namespace whose pods may resolve names. */
    readonly namespace: pulumi.Input<string>;
    /** Protocols allowed to port 53. TCP matters: answers over 512 bytes fall back to it. @default ["UDP", "TCP"] */
    readonly protocols?: readonly DnsProtocol[];
    /** How kube-system is selected. @default "metadata-name" */
    readonly kubeSystemSelection?: KubeSystemSelection;
    /** Namespace of the cluster DNS pods. @default "kube-system" */
    readonly dnsNamespace?: string;
    /** Labels of the cluster DNS pods; `{}` allows every pod of the DNS namespace, as the tutorial does. @default {"k8s-app": "kube-dns"} */
    readonly dnsPodLabels?: Readonly<Record<string, string>>;
    /** Address of a NodeLocal DNSCache (e.g. 169.254.20.10), allowed on the same ports. */
    readonly nodeLocalDnsAddress?: string;
    /** Pods of the namespace that get the allowance. @default every pod */
    readonly podSelector?: pulumi.Input<LabelSelector>;
    /** metadata.name of the policy. @default "allow-dns-access" */
    readonly policyName?: string;
}

/** Default metadata.name of the DNS policy, as the tutorial names it. */
export const ALLOW_DNS_POLICY = "allow-dns-access";
/** Labels the kube-dns (and CoreDNS) pods carry in kube-system. */
export const KUBE_DNS_POD_LABELS: Readonly<Record<string, string>> = { "k8s-app": "kube-dns" };
/** Port DNS is served on. */
export const DNS_PORT = 53;

/**
 * Allows the pods of a namespace to reach the cluster DNS: egress to the kube-dns pods in kube-system on
 * port 53. Without it, a namespace isolated for egress cannot resolve any name, not even its own services.
 */
export class AllowDns extends pulumi.ComponentResource {
    /** The egress policy. */
    public readonly policy: k8s.networking.v1.NetworkPolicy;
    /** The `name=kube-system` label patch, in `name-label` mode. */
    public readonly kubeSystemLabel?: k8s.core.v1.NamespacePatch;
    /** Selector the policy uses for the DNS namespace. */
    public readonly dnsNamespaceSelector: LabelSelector;
    /** Protocols allowed to port 53. */
    public readonly protocols: readonly DnsProtocol[];

    constructor(name: string, args: AllowDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = (field: string) => `AllowDns(${name}).${field}`;
        const protocols = args.protocols === undefined ? ["UDP", "TCP"] as DnsProtocol[]
            : check.nonEmptyUniqueList(key("protocols"), args.protocols, (k, v) => check.oneOf(k, v, ["UDP", "TCP"] as const));
        const selection = args.kubeSystemSelection === undefined ? "metadata-name"
            : check.oneOf(key("kubeSystemSelection"), args.kubeSystemSelection, ["metadata-name", "name-label"] as const);
        const dnsNamespace = args.dnsNamespace === undefined ? "kube-system" : check.dnsLabel(key("dnsNamespace"), args.dnsNamespace);
        const dnsPodLabels = args.dnsPodLabels === undefined ? { ...KUBE_DNS_POD_LABELS } : check.labels(key("dnsPodLabels"), args.dnsPodLabels);
        const nodeLocal = args.nodeLocalDnsAddress === undefined ? undefined : check.ipAddress(key("nodeLocalDnsAddress"), args.nodeLocalDnsAddress);
        const policyName = args.policyName === undefined ? ALLOW_DNS_POLICY : check.dnsLabel(key("policyName"), args.policyName);
        checkSelector(key("podSelector"), args.podSelector);
        super(typeToken("AllowDns"), name, {}, opts);

        this.protocols = protocols;
        this.dnsNamespaceSelector = selection === "metadata-name"
            ? { matchLabels: { [NAMESPACE_NAME_LABEL]: dnsNamespace } }
            : { matchLabels: { name: dnsNamespace } };
        this.kubeSystemLabel = selection === "name-label"
            ? new k8s.core.v1.NamespacePatch(`${name}-${dnsNamespace}-name-label`, {
                metadata: { name: dnsNamespace, labels: { name: dnsNamespace } },
            }, childOptions(this))
            : undefined;

        const ports = toNetworkPolicyPorts(protocols.map((protocol) => ({ protocol, port: DNS_PORT })));
        const dnsPeer = Object.keys(dnsPodLabels).length === 0
            ? { namespaceSelector: this.dnsNamespaceSelector }
            : { namespaceSelector: this.dnsNamespaceSelector, podSelector: { matchLabels: dnsPodLabels } };
        const egress: k8s.types.input.networking.v1.NetworkPolicyEgressRule[] = [{ to: [dnsPeer], ports }];
        if (nodeLocal !== undefined) {
            egress.push({ to: [{ ipBlock: { cidr: `${nodeLocal}/${nodeLocal.includes(":") ? 128 : 32}` } }], ports });
        }
        this.policy = new k8s.networking.v1.NetworkPolicy(`${name}-${policyName}`, {
            metadata: { name: policyName, namespace: args.namespace, labels: { ...MANAGED_BY_LABELS } },
            spec: { podSelector: args.podSelector ?? {}, policyTypes: ["Egress"], egress },
        }, childOptions(this, this.kubeSystemLabel ? { dependsOn: [this.kubeSystemLabel] } : undefined));
        this.registerOutputs({ policyName: this.policy.metadata.name, protocols });
    }
}
