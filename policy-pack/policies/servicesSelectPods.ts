import { StackValidationPolicy } from "@pulumi/policy";
import { SERVICES_SCHEMA, ServicesConfig } from "../lib/config";
import { serviceMessage } from "../lib/messages";
import { nameOf, namespaceOf, StackResource, TYPES, WORKLOAD_TYPES } from "../lib/resources";

/** Checks whether every Service with a selector selects pods some workload of the stack creates. */
export const servicesSelectExistingPods: StackValidationPolicy = {
    name: "services-select-existing-pods",
    description: "Checks whether every Service's selector matches the pods of a workload the stack declares in its namespace.",
    enforcementLevel: "advisory",
    configSchema: SERVICES_SCHEMA,
    validateStack: (args, reportViolation) => {
        for (const { message, urn } of checkServices(args.resources, args.getConfig<ServicesConfig>())) {
            reportViolation(message, urn);
        }
    },
};

/** Violations of {@link servicesSelectExistingPods}. */
export function checkServices(resources: readonly StackResource[], config: ServicesConfig): { message: string; urn: string }[] {
    const podLabels = resources
        .filter((r) => WORKLOAD_TYPES[r.type] !== undefined)
        .map((r) => ({ namespace: namespaceOf(r), labels: (WORKLOAD_TYPES[r.type]!(r.props)?.metadata?.labels ?? {}) as Record<string, string> }));
    const results: { message: string; urn: string }[] = [];
    for (const service of resources.filter((r) => r.type === TYPES.service)) {
        const selector = (service.props.spec?.selector ?? {}) as Record<string, string>;
        const id = `${namespaceOf(service)}/${nameOf(service)}`;
        if (Object.keys(selector).length === 0 || config.exemptServices.includes(id)) {
            continue;
        }
        const selected = podLabels.some((p) => p.namespace === namespaceOf(service) && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
        if (!selected) {
            results.push({ message: serviceMessage(id, selector), urn: service.urn });
        }
    }
    return results;
}
