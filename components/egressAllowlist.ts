import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { childOptions, LabelSelector, MANAGED_BY_LABELS, typeToken } from "./common";
import { checkPeer, checkPorts, checkSelector, PeerArgs, PeerSource, PortArgs, toNetworkPolicyPeer, toNetworkPolicyPorts } from "./peers";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** One named allowance: a NetworkPolicy of that name letting some pods of the namespace reach some destinations. */
export interface EgressAllowlistEntry {
    /** metadata.name of the policy, e.g. the tutorial's `allow-egress-to-advance-policy-ns`. */
    readonly name: string;
    /** Pods of the namespace that get the allowance. @default every pod */
    readonly podSelector?: pulumi.Input<LabelSelector>;
    /** Destinations (OR): pods, namespaces, pods in namespaces, IP blocks, or components standing for their pods. */
    readonly to: readonly (PeerArgs | PeerSource)[];
    /** Ports and protocols; each may be a range (`port` to `endPort`). @default every port and protocol */
    readonly ports?: readonly PortArgs[];
}

/** Arguments of {@link EgressAllowlist}. */
export interface EgressAllowlistArgs {
    /** Namespace whose pods get the allowances. */
    readonly namespace: pulumi.Input<string>;
    /** The allowances, one NetworkPolicy each. */
    readonly entries: readonly EgressAllowlistEntry[];
}

/**
 * Named egress allowances for a namespace isolated for egress: each entry is one NetworkPolicy with
 * policyTypes [Egress] and one rule. Policies are additive, so each entry only ever widens what passes.
 */
export class EgressAllowlist extends pulumi.ComponentResource {
    /** The policies, by entry name. */
    public readonly policies: Readonly<Record<string, k8s.networking.v1.NetworkPolicy>>;

    constructor(name: string, args: EgressAllowlistArgs, opts?: pulumi.ComponentResourceOptions) {
        checkEntries(`EgressAllowlist(${name}).entries`, args.entries);
        super(typeToken("EgressAllowlist"), name, {}, opts);

        const policies: Record<string, k8s.networking.v1.NetworkPolicy> = {};
        for (const entry of args.entries) {
            const rule: k8s.types.input.networking.v1.NetworkPolicyEgressRule = {
                to: entry.to.map((peer) => toNetworkPolicyPeer(peer, args.namespace)),
                ...(entry.ports !== undefined ? { ports: toNetworkPolicyPorts(entry.ports) } : {}),
            };
            policies[entry.name] = new k8s.networking.v1.NetworkPolicy(`${name}-${entry.name}`, {
                metadata: { name: entry.name, namespace: args.namespace, labels: { ...MANAGED_BY_LABELS } },
                spec: { podSelector: entry.podSelector ?? {}, policyTypes: ["Egress"], egress: [rule] },
            }, childOptions(this));
        }
        this.policies = policies;
        this.registerOutputs({ policyNames: Object.keys(policies) });
    }
}

/** Checks allowlist entries: unique DNS-label names, at least one destination, valid peers and ports. */
export function checkEntries(key: string, entries: readonly EgressAllowlistEntry[]): void {
    const names = new Set<string>();
    check.list(key, entries, (k, raw) => {
        const entry = check.objectWithKeys(k, raw, ["name", "podSelector", "to", "ports"]) as unknown as EgressAllowlistEntry;
        const entryName = check.dnsLabel(`${k}.name`, entry.name);
        if (names.has(entryName)) {
            throw new InputError(`${k}.name`, entryName, "a name not used by another entry");
        }
        names.add(entryName);
        checkSelector(`${k}.podSelector`, entry.podSelector);
        const to = check.list(`${k}.to`, entry.to, (_, p) => p as PeerArgs | PeerSource);
        if (to.length === 0) {
            throw new InputError(`${k}.to`, entry.to, "at least one destination (an empty list would allow every destination)");
        }
        to.forEach((p, i) => checkPeer(`${k}.to[${i}]`, p));
        if (entry.ports !== undefined) {
            checkPorts(`${k}.ports`, check.list(`${k}.ports`, entry.ports, (_, p) => p as PortArgs));
        }
        return entry;
    });
}
