import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { childOptions, MANAGED_BY_LABELS, typeToken } from "./common";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** Arguments of {@link DefaultDeny}. */
export interface DefaultDenyArgs {
    /** Namespace whose pods become isolated. */
    readonly namespace: pulumi.Input<string>;
    /** Create `default-deny-ingress`. @default true */
    readonly ingress?: boolean;
    /** Create `default-deny-egress`. @default true */
    readonly egress?: boolean;
}

/** Metadata names of the two policies, as the tutorial names them. */
export const DEFAULT_DENY_INGRESS = "default-deny-ingress";
/** See {@link DEFAULT_DENY_INGRESS}. */
export const DEFAULT_DENY_EGRESS = "default-deny-egress";

/**
 * Isolates every pod of a namespace: `default-deny-ingress` and/or `default-deny-egress`, each selecting
 * all pods (empty podSelector) with its policyTypes stated and no rules, so that only what other policies
 * allow can pass (NetworkPolicies are additive).
 */
export class DefaultDeny extends pulumi.ComponentResource {
    /** `default-deny-ingress`, when ingress isolation is on. */
    public readonly ingressPolicy?: k8s.networking.v1.NetworkPolicy;
    /** `default-deny-egress`, when egress isolation is on. */
    public readonly egressPolicy?: k8s.networking.v1.NetworkPolicy;
    /** Every policy created, for `dependsOn`. */
    public readonly policies: k8s.networking.v1.NetworkPolicy[];

    constructor(name: string, args: DefaultDenyArgs, opts?: pulumi.ComponentResourceOptions) {
        const ingress = args.ingress === undefined ? true : check.boolean(`DefaultDeny(${name}).ingress`, args.ingress);
        const egress = args.egress === undefined ? true : check.boolean(`DefaultDeny(${name}).egress`, args.egress);
        if (!ingress && !egress) {
            throw new InputError(`DefaultDeny(${name})`, { ingress, egress }, "at least one of ingress and egress set to true");
        }
        super(typeToken("DefaultDeny"), name, {}, opts);

        const deny = (direction: "Ingress" | "Egress", policyName: string) =>
            new k8s.networking.v1.NetworkPolicy(`${name}-${policyName}`, {
                metadata: { name: policyName, namespace: args.namespace, labels: { ...MANAGED_BY_LABELS } },
                spec: { podSelector: {}, policyTypes: [direction] },
            }, childOptions(this));

        this.ingressPolicy = ingress ? deny("Ingress", DEFAULT_DENY_INGRESS) : undefined;
        this.egressPolicy = egress ? deny("Egress", DEFAULT_DENY_EGRESS) : undefined;
        this.policies = [this.ingressPolicy, this.egressPolicy].filter((p): p is k8s.networking.v1.NetworkPolicy => p !== undefined);
        this.registerOutputs({ policies: this.policies.map((p) => p.metadata.name) });
    }
}
