/**
 * The stack's Kubernetes objects as the policies read them: type, URN, name and props of each resource,
 * whether under `pulumi preview` (the policy engine's PolicyResource) or offline (a capture under mocks).
 */

/** What the policies read of a resource: the fields PolicyResource and a captured resource share. */
export interface StackResource {
    /** Pulumi type token, e.g. `kubernetes:networking.k8s.io/v1:NetworkPolicy`. */
    readonly type: string;
    /** The resource's URN. */
    readonly urn: string;
    /** Pulumi resource name. */
    readonly name: string;
    /** The resource's properties: for Kubernetes objects, apiVersion, kind, metadata, spec... */
    readonly props: Record<string, any>;
}

/** Type tokens of the objects the policies look at. */
export const TYPES = {
    namespace: "kubernetes:core/v1:Namespace",
    namespacePatch: "kubernetes:core/v1:NamespacePatch",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    service: "kubernetes:core/v1:Service",
    pod: "kubernetes:core/v1:Pod",
} as const;

/** Workload types whose pod template makes pods, and where their pod template lives. */
export const WORKLOAD_TYPES: Readonly<Record<string, (props: Record<string, any>) => Record<string, any> | undefined>> = {
    "kubernetes:apps/v1:Deployment": (p) => p.spec?.template,
    "kubernetes:apps/v1:ReplicaSet": (p) => p.spec?.template,
    "kubernetes:apps/v1:StatefulSet": (p) => p.spec?.template,
    "kubernetes:apps/v1:DaemonSet": (p) => p.spec?.template,
    "kubernetes:batch/v1:Job": (p) => p.spec?.template,
    "kubernetes:batch/v1:CronJob": (p) => p.spec?.jobTemplate?.spec?.template,
    "kubernetes:core/v1:ReplicationController": (p) => p.spec?.template,
    "kubernetes:core/v1:Pod": (p) => ({ metadata: p.metadata, spec: p.spec }),
};

/** metadata.name of an object. */
export function nameOf(r: StackResource): string {
    return String(r.props.metadata?.name ?? r.name);
}

/** metadata.namespace of a namespaced object (the API server's `default` when absent). */
export function namespaceOf(r: StackResource): string {
    return String(r.props.metadata?.namespace ?? "default");
}

/** metadata.labels of an object. */
export function labelsOf(r: StackResource): Record<string, string> {
    return { ...(r.props.metadata?.labels ?? {}) };
}

/** `Kind namespace/name` for messages. */
export function describe(r: StackResource): string {
    const kind = r.type.split(":").pop() ?? r.type;
    return r.type === TYPES.namespace ? `${kind} ${nameOf(r)}` : `${kind} ${namespaceOf(r)}/${nameOf(r)}`;
}
