/**
 * The Kubernetes manifests inside a capture: which captured resources are Kubernetes objects, their
 * manifests, and an order in which `kubectl apply` can create them (each after what it depends on).
 */
import { CapturedResource } from "./capture";

/** A Kubernetes object the program would create or patch. */
export interface Manifest {
    /** URN of the resource that declares it. */
    readonly urn: string;
    /** Pulumi type token. */
    readonly type: string;
    /** Whether it is a server-side-apply patch of an existing object (e.g. NamespacePatch) rather than an object of its own. */
    readonly patch: boolean;
    /** The object: apiVersion, kind, metadata, spec... */
    readonly object: Record<string, unknown> & { kind: string; metadata: { name?: string; namespace?: string } };
}

/** Whether a captured resource is a Kubernetes object (not a component, not a provider). */
export function isKubernetesObject(resource: CapturedResource): boolean {
    return resource.custom && resource.type.startsWith("kubernetes:") && !resource.type.startsWith("pulumi:providers:");
}

/** The Kubernetes objects of a capture, each after the objects it depends on (ties in registration order). */
export function manifestsOf(resources: readonly CapturedResource[]): Manifest[] {
    const objects = resources.filter(isKubernetesObject);
    const byUrn = new Map(objects.map((r) => [r.urn, r]));
    const done = new Set<string>();
    const ordered: CapturedResource[] = [];
    const visit = (r: CapturedResource, path: Set<string>): void => {
        if (done.has(r.urn) || path.has(r.urn)) {
            return;
        }
        path.add(r.urn);
        for (const dep of r.dependencies) {
            const d = byUrn.get(dep);
            if (d !== undefined) {
                visit(d, path);
            }
        }
        path.delete(r.urn);
        done.add(r.urn);
        ordered.push(r);
    };
    objects.forEach((r) => visit(r, new Set()));
    return ordered.map((r) => ({
        urn: r.urn,
        type: r.type,
        patch: r.type.endsWith("Patch"),
        object: r.inputs as Manifest["object"],
    }));
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects), for listings. */
export function describeManifest(m: Manifest): string {
    const { namespace, name } = m.object.metadata;
    return `${m.object.kind}${m.patch ? " (patch)" : ""} ${namespace ? `${namespace}/` : ""}${name ?? "?"}`;
}

/**
 * The capture's provider resources as the policy engine receives them under `pulumi preview`: type, URN,
 * name and props (here, the inputs the program registered).
 */
export function policyResourcesOf(resources: readonly CapturedResource[]): { type: string; urn: string; name: string; props: Record<string, unknown> }[] {
    return resources.filter((r) => r.custom).map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.inputs }));
}
