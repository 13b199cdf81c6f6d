import * as pulumi from "@pulumi/pulumi";

/** The package part of every component type token: `calico-advanced-policy:index:<Name>`. */
export const PACKAGE = "calico-advanced-policy";

/** The three-part type token of a component of this package. */
export function typeToken(name: string): string {
    return `${PACKAGE}:index:${name}`;
}

/**
 * Label that {@link IsolatedNamespace} puts on the Namespace object when its pods are isolated for
 * ingress by default. Policy packs see only resources, never component inputs: this label is how the
 * isolation intent reaches them.
 */
export const ISOLATED_INGRESS_LABEL = `${PACKAGE}.dev/isolated-ingress`;

/** Label that {@link IsolatedNamespace} puts on the Namespace object when its pods are isolated for egress by default. */
export const ISOLATED_EGRESS_LABEL = `${PACKAGE}.dev/isolated-egress`;

/** Label Kubernetes itself sets on every Namespace (since 1.21), holding the namespace's name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Labels every object of this package carries, so `kubectl get -l` finds them. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = { "app.kubernetes.io/managed-by": "pulumi" };

/** A label selector as the Kubernetes API spells it. */
export interface LabelSelector {
    /** Labels that must all be present with these values. */
    readonly matchLabels?: Record<string, string>;
    /** Set-based requirements, all of which must hold. */
    readonly matchExpressions?: {
        readonly key: string;
        readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
        readonly values?: string[];
    }[];
}

/**
 * Something that lives in a namespace: either the namespace's name, or a component that owns a namespace
 * and whose isolation policies must exist before any workload is created in it.
 */
export interface NamespaceProvider {
    /** The namespace's name, known at preview time. */
    readonly name: pulumi.Output<string>;
    /** Resources that must exist before a workload may start in the namespace (the namespace and its default-deny policies). */
    readonly workloadPrerequisites: pulumi.Resource[];
}

/** Where a component puts its objects: a namespace name, or a component that provides the namespace. */
export type NamespaceTarget = pulumi.Input<string> | NamespaceProvider;

/** Resolves a {@link NamespaceTarget} into the name to write and the resources to depend on. */
export function resolveNamespace(target: NamespaceTarget): { name: pulumi.Input<string>; dependsOn: pulumi.Resource[] } {
    if (isNamespaceProvider(target)) {
        return { name: target.name, dependsOn: target.workloadPrerequisites };
    }
    return { name: target, dependsOn: [] };
}

function isNamespaceProvider(target: NamespaceTarget): target is NamespaceProvider {
    return typeof target === "object" && target !== null && "workloadPrerequisites" in target;
}

/** Child resource options: parented to the component, plus any extra options. */
export function childOptions(parent: pulumi.Resource, extra?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    return { ...extra, parent };
}
