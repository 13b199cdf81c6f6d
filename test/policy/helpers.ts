/** Builders of stack resources for policy tests, and a runner that returns what each policy reports. */
import { captureProgram } from "../../plan/capture";
import { policyResourcesOf } from "../../plan/manifests";
import { StackResource } from "../../policy-pack/lib/resources";
import { PackConfig, runPolicies, Violation } from "../../policy-pack/lib/offline";
import { policies } from "../../policy-pack/policies";

let counter = 0;
function resource(type: string, props: Record<string, unknown>): StackResource {
    const name = `r${++counter}`;
    return { type, urn: `urn:pulumi:test::proj::${type}::${name}`, name, props };
}

/** A Namespace. */
export function namespace(name: string, labels: Record<string, string> = {}): StackResource {
    return resource("kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
}

/** A NetworkPolicy. */
export function networkPolicy(ns: string, name: string, spec: Record<string, unknown>): StackResource {
    return resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec });
}

/** A Deployment whose pods carry `labels` and run `image`. */
export function deployment(ns: string, name: string, labels: Record<string, string>, image = "nginx:1.27.3"): StackResource {
    return resource("kubernetes:apps/v1:Deployment", {
        apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image, ports: [{ name: "http", containerPort: 80 }] }] } } },
    });
}

/** A Service selecting `selector`. */
export function service(ns: string, name: string, selector: Record<string, string>): StackResource {
    return resource("kubernetes:core/v1:Service", { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector, ports: [{ port: 80 }] } });
}

/** A server-side patch of a namespace's labels (as AllowDns's name-label mode declares). */
export function namespacePatch(name: string, labels: Record<string, string>): StackResource {
    return resource("kubernetes:core/v1:NamespacePatch", { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
}

/** `default-deny-egress` in a namespace. */
export function denyEgress(ns: string): StackResource {
    return networkPolicy(ns, "default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
}

/** An egress policy for every pod of `ns` with these rules. */
export function egressPolicy(ns: string, name: string, egress: unknown[], podSelector: Record<string, unknown> = {}): StackResource {
    return networkPolicy(ns, name, { podSelector, policyTypes: ["Egress"], egress });
}

/** The kube-dns peer as AllowDns writes it. */
export const KUBE_DNS_PEER = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};

/** UDP and TCP 53. */
export const DNS_PORTS = [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }];

/** Runs every policy of the pack; returns the violations of one policy, or of all. */
export function violations(resources: readonly StackResource[], config: PackConfig = {}, policy?: string): Violation[] {
    return runPolicies(resources, policies, config).filter((v) => policy === undefined || v.policy === policy);
}

/** The stack's own resources, as the policy engine would receive them, for a stack and config overrides. */
export async function stackResources(stack: string, overrides: Record<string, unknown> = {}, preview = false): Promise<StackResource[]> {
    return policyResourcesOf((await captureProgram({ stack, overrides, preview })).resources);
}
