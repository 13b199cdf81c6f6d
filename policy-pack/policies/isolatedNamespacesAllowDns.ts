import { Protocol } from "@calico-advanced-policy/reachability";
import { StackValidationPolicy } from "@pulumi/policy";
import { PROBE_POD, StackCluster, tryBuildStackCluster } from "../lib/cluster";
import { DNS_POLICY_SCHEMA, DnsPolicyConfig } from "../lib/config";
import { isIsolated, isolationOf } from "../lib/isolation";
import { deniedReason, DnsFailure, dnsMessages, LabelTrap, unanalysableMessage } from "../lib/messages";
import { StackResource } from "../lib/resources";

/**
 * Checks whether every pod and workload of every namespace isolated for egress can reach the cluster DNS,
 * decided by the reachability engine over all the stack's NetworkPolicies: an allow-all egress counts, a
 * rule on the wrong port, protocol or namespace does not.
 */
export const isolatedNamespacesAllowDns: StackValidationPolicy = {
    name: "isolated-namespaces-allow-dns",
    description: "Checks whether every pod of a namespace isolated for egress can reach kube-dns on UDP 53 (and TCP 53) under the stack's NetworkPolicies.",
    enforcementLevel: "mandatory",
    configSchema: DNS_POLICY_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<DnsPolicyConfig>();
        for (const message of checkDns(args.resources, config)) {
            reportViolation(message);
        }
    },
};

/** The violations of {@link isolatedNamespacesAllowDns} for a stack's resources, one message per namespace. */
export function checkDns(resources: readonly StackResource[], config: DnsPolicyConfig): string[] {
    const view = tryBuildStackCluster(resources, config);
    if (typeof view === "string") {
        return [unanalysableMessage(view)];
    }
    const protocols: Protocol[] = config.requireTcp ? ["UDP", "TCP"] : ["UDP"];
    const dnsDescription = `${config.dnsNamespace} pods ${Object.entries(config.dnsPodLabels).map(([k, v]) => `${k}=${v}`).join(",") || "(any)"}`;
    const messages: string[] = [];
    for (const namespace of view.stackNamespaces) {
        const isolation = isolationOf(view, resources, namespace, "Egress", config.isolationLabel);
        if (!isIsolated(isolation)) {
            continue;
        }
        const failures: DnsFailure[] = [];
        // Declared workloads first, so the reason given is about one of them; the probe for later pods last.
        const endpoints = view.endpointsIn(namespace).sort((a, b) => Number(a.name === PROBE_POD) - Number(b.name === PROBE_POD));
        for (const endpoint of endpoints) {
            const denied = protocols
                .map((protocol) => ({ protocol, verdict: view.analyzer.evaluate({ endpoint: endpoint.id }, { endpoint: view.dnsEndpoint }, 53, protocol) }))
                .filter((x) => !x.verdict.allowed);
            if (denied.length > 0) {
                const first = denied[0]!;
                const side = first.verdict.egress.allowed ? first.verdict.ingress : first.verdict.egress;
                failures.push({ endpoint: endpoint.id, protocols: denied.map((d) => d.protocol), reason: deniedReason(side, endpoint.id, view.dnsEndpoint, first.protocol) });
            }
        }
        if (failures.length > 0) {
            const how = isolation.policies.length > 0 ? `NetworkPolicies ${isolation.policies.join(", ")}` : `label ${config.isolationLabel}=true`;
            messages.push(dnsMessages.missing(namespace, how, dnsDescription, failures, labelTraps(view, namespace, config.dnsNamespace), config.dnsNamespace, protocols));
        }
    }
    return messages;
}

/**
 * Egress rules of the namespace that mean the DNS namespace (a namespaceSelector label whose value is its
 * name) but use a label it does not carry: the tutorial's `name: kube-system`, unless the stack applies it.
 */
function labelTraps(view: StackCluster, namespace: string, dnsNamespace: string): LabelTrap[] {
    const traps: LabelTrap[] = [];
    for (const policy of view.cluster.policies.filter((p) => p.namespace === namespace && p.policyTypes.includes("Egress"))) {
        for (const rule of policy.egress) {
            for (const peer of rule.peers) {
                if (peer.kind !== "selector" || peer.namespaceSelector === undefined) {
                    continue;
                }
                for (const [key, value] of Object.entries(peer.namespaceSelector.matchLabels)) {
                    if (value === dnsNamespace && view.dnsNamespaceLabels[key] !== value) {
                        traps.push({ policy: policy.id, key, value });
                    }
                }
            }
        }
    }
    return traps;
}
