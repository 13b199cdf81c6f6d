/** Every message the policy pack reports, in one place. Messages say what must hold, then why. */
import { DirectionVerdict, Protocol } from "@calico-advanced-policy/reachability";

/** One pod or workload left without DNS, and on which protocols. */
export interface DnsFailure {
    /** `namespace/name`, or the probe standing for any pod created later. */
    readonly endpoint: string;
    readonly protocols: readonly Protocol[];
    /** Why the first protocol denied is denied, from the engine's verdict. */
    readonly reason: string;
}

/** A policy that selects the DNS namespace by a label the namespace does not carry. */
export interface LabelTrap {
    readonly policy: string;
    readonly key: string;
    readonly value: string;
}

/** Why one direction of a flow is denied, from the engine's verdict of that direction. */
export function deniedReason(verdict: DirectionVerdict, from: string, to: string, protocol: Protocol): string {
    const policies = verdict.isolatedBy.join(", ");
    return verdict.direction === "egress"
        ? `egress from ${from} is isolated by ${policies}, and none of their rules allows ${protocol} 53 to ${to}`
        : `ingress to ${to} is isolated by ${policies}, and none of their rules allows ${protocol} 53 from ${from}`;
}

/** Messages of `isolated-namespaces-allow-dns`. */
export const dnsMessages = {
    missing(
        namespace: string, how: string, dns: string, failures: readonly DnsFailure[], traps: readonly LabelTrap[], dnsNamespace: string,
        required: readonly Protocol[],
    ): string {
        const who = failures.map((f) => `${f.endpoint.endsWith("/any-new-pod") ? `any pod created in ${namespace}` : f.endpoint} (${f.protocols.map((p) => `${p} 53`).join(", ")})`);
        const trap = traps.map((t) =>
            ` NetworkPolicy ${t.policy} selects ${dnsNamespace} by the label ${t.key}=${t.value}, which Kubernetes does not set and this stack does not apply:`
            + ` select it by kubernetes.io/metadata.name: ${dnsNamespace}, or have the stack label it (AllowDns kubeSystemSelection: "name-label").`).join("");
        return `Namespace ${namespace} is isolated for egress (${how}), so every pod in it must be able to reach the cluster DNS (${dns}) on port 53;`
            + ` these cannot: ${who.join("; ")}. Why: ${failures[0]?.reason ?? ""}.${trap}`
            + ` Add an AllowDns (IsolatedNamespace's allowDns) or a NetworkPolicy allowing egress from every pod to the DNS pods on ${required.join(" and ")} 53.`;
    },
};

/** Message of any policy that needs the engine, when the stack's objects are not valid Kubernetes. */
export function unanalysableMessage(error: string): string {
    return `The stack's Kubernetes objects must be valid for this policy to decide: ${error}`;
}

/** Message of `namespaces-isolated-both-ways`. */
export function notIsolatedMessage(namespace: string, directions: readonly string[], allowAll: readonly string[]): string {
    const undone = allowAll.length > 0 ? `; ${allowAll.join(", ")} ${allowAll.length === 1 ? "allows" : "allow"} everything to every pod, which undoes isolation` : "";
    return `Namespace ${namespace} must be isolated for ingress and egress: it has no ${directions.join(" or ")} default-deny`
        + ` (a NetworkPolicy with an empty podSelector and policyTypes [${directions.join(", ")}])${undone}; use IsolatedNamespace or DefaultDeny.`;
}

/** Message of `no-egress-to-internet`. */
export function internetEgressMessage(namespace: string, policy: string, rule: number, what: string, ports: string): string {
    return `NetworkPolicy ${policy} must not open egress from the isolated namespace ${namespace} to the whole internet:`
        + ` its egress rule ${rule} allows ${what} on ${ports}. Name the destinations (CIDRs, namespaces, pods) instead.`;
}

/** Message of `network-policy-types-stated`. */
export function policyTypesMessage(policy: string, defaulted: readonly string[]): string {
    return `NetworkPolicy ${policy} must state its policyTypes: left out, Kubernetes defaults them to [${defaulted.join(", ")}]`
        + ` (Egress only when egress rules exist), so a policy meant to deny egress with no rules would not. Add policyTypes: [${defaulted.join(", ")}] or what you mean.`;
}

/** Message of `container-images-pinned`. */
export function imageMessage(workload: string, container: string, image: string, problem: string): string {
    return `${workload} container ${container} must use an image pinned to a version or digest: ${image} ${problem}.`;
}

/** Message of `services-select-existing-pods`. */
export function serviceMessage(service: string, selector: Readonly<Record<string, string>>): string {
    const labels = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
    return `Service ${service} must select pods the stack declares: no pod or workload in its namespace has the labels ${labels}, so it would have no endpoints.`;
}
