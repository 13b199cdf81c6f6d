/**
 * Which namespaces of a stack are isolated, and how: from the label IsolatedNamespace puts on its
 * Namespace, and from the NetworkPolicies themselves as Kubernetes applies them (a pod is isolated for a
 * direction as soon as one policy of that type selects it).
 */
import { NetworkPolicy, PolicyType } from "@calico-advanced-policy/reachability";
import { StackCluster } from "./cluster";
import { labelsOf, nameOf, StackResource, TYPES } from "./resources";

/** Default isolation labels, as IsolatedNamespace sets them (a test keeps them equal to the component's). */
export const ISOLATION_LABELS: Readonly<Record<PolicyType, string>> = {
    Ingress: "calico-advanced-policy.dev/isolated-ingress",
    Egress: "calico-advanced-policy.dev/isolated-egress",
};

/** How a namespace comes to be isolated for a direction: the policies that isolate pods, and whether its label says so. */
export interface Isolation {
    /** Ids of the NetworkPolicies of that type in the namespace. */
    readonly policies: readonly string[];
    /** Ids of those that select every pod of the namespace (empty podSelector): a default deny, or a blanket allowance. */
    readonly wholeNamespacePolicies: readonly string[];
    /** Ids of those that allow everything to every pod (a rule with no peers and no ports): isolation undone. */
    readonly allowAllPolicies: readonly string[];
    /** Whether the Namespace carries the isolation label with value "true". */
    readonly labelled: boolean;
}

/** The isolation of one namespace for one direction. */
export function isolationOf(
    view: StackCluster, resources: readonly StackResource[], namespace: string, direction: PolicyType, label: string = ISOLATION_LABELS[direction],
): Isolation {
    const policies = view.cluster.policies.filter((p) => p.namespace === namespace && p.policyTypes.includes(direction));
    const ns = resources.find((r) => r.type === TYPES.namespace && nameOf(r) === namespace);
    return {
        policies: policies.map((p) => p.id),
        wholeNamespacePolicies: policies.filter(selectsWholeNamespace).map((p) => p.id),
        allowAllPolicies: policies
            .filter((p) => selectsWholeNamespace(p) && (direction === "Ingress" ? p.ingress : p.egress).some((r) => r.peers.length === 0 && r.ports.length === 0))
            .map((p) => p.id),
        labelled: ns !== undefined && labelsOf(ns)[label] === "true",
    };
}

/** Whether a namespace is isolated for the direction: labelled so, or some policy of that type in it. */
export function isIsolated(isolation: Isolation): boolean {
    return isolation.labelled || isolation.policies.length > 0;
}

/** Whether a policy's podSelector is empty, selecting every pod of its namespace. */
export function selectsWholeNamespace(policy: NetworkPolicy): boolean {
    return Object.keys(policy.podSelector.matchLabels).length === 0 && policy.podSelector.matchExpressions.length === 0;
}
