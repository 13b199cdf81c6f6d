import { StackValidationPolicy } from "@pulumi/policy";
import { PolicyRule } from "@calico-advanced-policy/reachability";
import { tryBuildStackCluster } from "../lib/cluster";
import { EXEMPT_NAMESPACES_SCHEMA, ExemptNamespacesConfig } from "../lib/config";
import { isIsolated, isolationOf } from "../lib/isolation";
import { internetEgressMessage, unanalysableMessage } from "../lib/messages";
import { StackResource } from "../lib/resources";

/** Checks whether an isolated namespace opens egress to every address (0.0.0.0/0, ::/0, or a rule with no destinations). */
export const noEgressToInternet: StackValidationPolicy = {
    name: "no-egress-to-internet",
    description: "Checks whether a NetworkPolicy in a namespace isolated for egress allows egress to 0.0.0.0/0, ::/0 or every destination.",
    enforcementLevel: "advisory",
    configSchema: EXEMPT_NAMESPACES_SCHEMA,
    validateStack: (args, reportViolation) => {
        for (const message of checkInternetEgress(args.resources, args.getConfig<ExemptNamespacesConfig>())) {
            reportViolation(message);
        }
    },
};

/** Violations of {@link noEgressToInternet}. */
export function checkInternetEgress(resources: readonly StackResource[], config: ExemptNamespacesConfig): string[] {
    const view = tryBuildStackCluster(resources);
    if (typeof view === "string") {
        return [unanalysableMessage(view)];
    }
    const messages: string[] = [];
    for (const namespace of view.stackNamespaces.filter((ns) => !config.exemptNamespaces.includes(ns))) {
        if (!isIsolated(isolationOf(view, resources, namespace, "Egress"))) {
            continue;
        }
        for (const policy of view.cluster.policies.filter((p) => p.namespace === namespace && p.policyTypes.includes("Egress"))) {
            policy.egress.forEach((rule, i) => {
                const what = opensEverything(rule);
                if (what !== undefined) {
                    messages.push(internetEgressMessage(namespace, policy.id, i, what, describePorts(rule)));
                }
            });
        }
    }
    return messages;
}

function describePorts(rule: PolicyRule): string {
    if (rule.ports.length === 0) {
        return "every port";
    }
    return rule.ports
        .map((p) => `${p.protocol} ${p.port === undefined ? "every port" : p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port}`)
        .join(", ");
}

function opensEverything(rule: PolicyRule): string | undefined {
    if (rule.peers.length === 0) {
        return "every destination (no 'to')";
    }
    const all = rule.peers.find((p) => p.kind === "ipBlock" && /\/0$/.test(p.ipBlock.cidr));
    return all !== undefined && all.kind === "ipBlock" ? `${all.ipBlock.cidr}${all.ipBlock.except.length ? ` (except ${all.ipBlock.except.join(", ")})` : ""}` : undefined;
}
