import * as k8s from "@pulumi/kubernetes";
import { remediateResourceOfType, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { EXEMPT_NAMESPACES_SCHEMA, ExemptNamespacesConfig } from "../lib/config";
import { policyTypesMessage } from "../lib/messages";

/** The policyTypes Kubernetes fills in when a NetworkPolicy leaves them out. */
export function defaultedPolicyTypes(spec: { egress?: unknown[] } | undefined): string[] {
    return (spec?.egress?.length ?? 0) > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

/** Checks whether every NetworkPolicy states its policyTypes; its remediation writes the types Kubernetes would default to. */
export const networkPolicyTypesStated: ResourceValidationPolicy = {
    name: "network-policy-types-stated",
    description: "Checks whether every NetworkPolicy states its policyTypes instead of relying on Kubernetes' defaulting.",
    enforcementLevel: "advisory",
    configSchema: EXEMPT_NAMESPACES_SCHEMA,
    validateResource: validateResourceOfType(k8s.networking.v1.NetworkPolicy, (policy, args, reportViolation) => {
        const config = args.getConfig<ExemptNamespacesConfig>();
        if (config.exemptNamespaces.includes(policy.metadata?.namespace ?? "default")) {
            return;
        }
        if ((policy.spec?.policyTypes?.length ?? 0) === 0) {
            reportViolation(policyTypesMessage(`${policy.metadata?.namespace ?? "default"}/${policy.metadata?.name}`, defaultedPolicyTypes(policy.spec)));
        }
    }),
    remediateResource: remediateResourceOfType(k8s.networking.v1.NetworkPolicy, (policy) => {
        if ((policy.spec?.policyTypes?.length ?? 0) > 0) {
            return undefined;
        }
        return { ...policy, spec: { ...policy.spec, policyTypes: defaultedPolicyTypes(policy.spec) } };
    }),
};
