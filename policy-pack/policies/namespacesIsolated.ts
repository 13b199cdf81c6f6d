import { StackValidationPolicy } from "@pulumi/policy";
import { PolicyType } from "@calico-advanced-policy/reachability";
import { tryBuildStackCluster } from "../lib/cluster";
import { EXEMPT_NAMESPACES_SCHEMA, ExemptNamespacesConfig } from "../lib/config";
import { isolationOf } from "../lib/isolation";
import { notIsolatedMessage, unanalysableMessage } from "../lib/messages";
import { nameOf, StackResource, TYPES } from "../lib/resources";

/** Checks whether every namespace the stack declares denies ingress and egress by default. */
export const namespacesIsolatedBothWays: StackValidationPolicy = {
    name: "namespaces-isolated-both-ways",
    description: "Checks whether every namespace the stack declares is isolated for ingress and egress by a policy selecting all its pods.",
    enforcementLevel: "advisory",
    configSchema: EXEMPT_NAMESPACES_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<ExemptNamespacesConfig>();
        for (const { message, urn } of checkIsolation(args.resources, config)) {
            reportViolation(message, urn);
        }
    },
};

/** Violations of {@link namespacesIsolatedBothWays}. */
export function checkIsolation(resources: readonly StackResource[], config: ExemptNamespacesConfig): { message: string; urn?: string }[] {
    const view = tryBuildStackCluster(resources);
    if (typeof view === "string") {
        return [{ message: unanalysableMessage(view) }];
    }
    const results: { message: string; urn?: string }[] = [];
    for (const ns of resources.filter((r) => r.type === TYPES.namespace && !config.exemptNamespaces.includes(nameOf(r)))) {
        const isolations = (["Ingress", "Egress"] as PolicyType[]).map((direction) => ({ direction, ...isolationOf(view, resources, nameOf(ns), direction) }));
        const missing = isolations.filter((i) => i.wholeNamespacePolicies.length === 0 || i.allowAllPolicies.length > 0);
        if (missing.length > 0) {
            results.push({ message: notIsolatedMessage(nameOf(ns), missing.map((i) => i.direction), missing.flatMap((i) => i.allowAllPolicies)), urn: ns.urn });
        }
    }
    return results;
}
