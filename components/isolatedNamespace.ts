import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ALLOW_DNS_POLICY, AllowDns, AllowDnsArgs } from "./allowDns";
import { childOptions, ISOLATED_EGRESS_LABEL, ISOLATED_INGRESS_LABEL, MANAGED_BY_LABELS, NamespaceProvider, typeToken } from "./common";
import { DEFAULT_DENY_EGRESS, DEFAULT_DENY_INGRESS, DefaultDeny } from "./defaultDeny";
import { checkEntries, EgressAllowlist, EgressAllowlistEntry } from "./egressAllowlist";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** Arguments of {@link IsolatedNamespace}. */
export interface IsolatedNamespaceArgs {
    /** metadata.name of the Namespace, e.g. `advanced-policy-demo`. */
    readonly name: string;
    /** Extra labels of the Namespace. */
    readonly labels?: Readonly<Record<string, string>>;
    /** Deny all ingress not allowed by another policy (`default-deny-ingress`). @default true */
    readonly denyIngress?: boolean;
    /** Deny all egress not allowed by another policy (`default-deny-egress`). @default true */
    readonly denyEgress?: boolean;
    /**
     * Let every pod resolve names through the cluster DNS (`allow-dns-access`): `true`, `false`, or the
     * {@link AllowDns} options. Only meaningful, and only allowed, with `denyEgress`.
     * @default true when denyEgress is on
     */
    readonly allowDns?: boolean | Omit<AllowDnsArgs, "namespace">;
    /** Named egress allowances, one NetworkPolicy each. Only allowed with `denyEgress`. */
    readonly egressAllowlist?: readonly EgressAllowlistEntry[];
    /** Protect the Namespace from deletion by Pulumi: deleting a namespace deletes everything in it. @default the component's `protect` option */
    readonly protect?: boolean;
    /** Leave the Namespace in the cluster when it is removed from the stack or the stack is destroyed. @default the component's `retainOnDelete` option */
    readonly retainOnDelete?: boolean;
}

/**
 * A namespace isolated by Kubernetes NetworkPolicy: the Namespace, its default-deny policies for ingress
 * and egress, its DNS allowance, and optional named egress allowances. Pass it as the namespace of a
 * workload component so the workload is created only after the isolation exists.
 */
export class IsolatedNamespace extends pulumi.ComponentResource implements NamespaceProvider {
    /** The namespace's name, known at preview time. */
    public readonly name: pulumi.Output<string>;
    /** The Namespace object. */
    public readonly namespace: k8s.core.v1.Namespace;
    /** The default-deny policies, unless both directions are off. */
    public readonly defaultDeny?: DefaultDeny;
    /** The DNS allowance, when on. */
    public readonly allowDns?: AllowDns;
    /** The named egress allowances, when any. */
    public readonly egressAllowlist?: EgressAllowlist;
    /** The Namespace and its default-deny policies: what must exist before a workload starts in it. */
    public readonly workloadPrerequisites: pulumi.Resource[];

    constructor(name: string, args: IsolatedNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = (field: string) => `IsolatedNamespace(${name}).${field}`;
        const nsName = check.isolatableNamespace(key("name"), args.name);
        const labels = args.labels === undefined ? {} : check.labels(key("labels"), args.labels);
        const denyIngress = args.denyIngress === undefined ? true : check.boolean(key("denyIngress"), args.denyIngress);
        const denyEgress = args.denyEgress === undefined ? true : check.boolean(key("denyEgress"), args.denyEgress);
        const dns = args.allowDns ?? denyEgress;
        if (dns !== false && !denyEgress) {
            throw new InputError(key("allowDns"), args.allowDns,
                "false while denyEgress is false: a DNS allowance is an egress policy, so it would isolate every pod for egress by itself");
        }
        const allowlist = args.egressAllowlist ?? [];
        checkEntries(key("egressAllowlist"), allowlist);
        if (allowlist.length > 0 && !denyEgress) {
            throw new InputError(key("egressAllowlist"), allowlist.map((e) => e.name),
                "no entries while denyEgress is false: an egress allowance would isolate every pod for egress by itself");
        }
        // Unset, these follow the component's own options: protecting the component must protect its Namespace.
        const protect = args.protect === undefined ? opts?.protect : check.boolean(key("protect"), args.protect);
        const retainOnDelete = args.retainOnDelete === undefined ? opts?.retainOnDelete : check.boolean(key("retainOnDelete"), args.retainOnDelete);
        check.uniqueNames(key("policy names"), [
            ...(denyIngress ? [DEFAULT_DENY_INGRESS] : []),
            ...(denyEgress ? [DEFAULT_DENY_EGRESS] : []),
            ...(dns === false ? [] : [dns === true ? ALLOW_DNS_POLICY : dns.policyName ?? ALLOW_DNS_POLICY]),
            ...allowlist.map((e) => e.name),
        ]);
        super(typeToken("IsolatedNamespace"), name, {}, opts);

        this.namespace = new k8s.core.v1.Namespace(name, {
            metadata: {
                name: nsName,
                labels: {
                    ...labels,
                    ...MANAGED_BY_LABELS,
                    ...(denyIngress ? { [ISOLATED_INGRESS_LABEL]: "true" } : {}),
                    ...(denyEgress ? { [ISOLATED_EGRESS_LABEL]: "true" } : {}),
                },
            },
        }, childOptions(this, { ...(protect !== undefined ? { protect } : {}), ...(retainOnDelete !== undefined ? { retainOnDelete } : {}) }));
        this.name = this.namespace.metadata.name;

        const inNamespace = childOptions(this, { dependsOn: [this.namespace] });
        this.defaultDeny = denyIngress || denyEgress
            ? new DefaultDeny(`${name}-deny`, { namespace: this.name, ingress: denyIngress, egress: denyEgress }, inNamespace)
            : undefined;
        this.allowDns = dns === false ? undefined
            : new AllowDns(`${name}-dns`, { ...(dns === true ? {} : dns), namespace: this.name }, inNamespace);
        this.egressAllowlist = allowlist.length === 0 ? undefined
            : new EgressAllowlist(`${name}-egress`, { namespace: this.name, entries: allowlist }, inNamespace);
        this.workloadPrerequisites = [this.namespace, ...(this.defaultDeny?.policies ?? [])];
        this.registerOutputs({ name: this.name });
    }
}
