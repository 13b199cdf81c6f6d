/**
 * loadCluster: turns parsed documents into a validated, normalised Cluster. Validation happens here,
 * once; the analyzer never re-checks.
 */
import { describeDocument, invalid } from "../messages";
import { Cluster } from "../model/cluster";
import type { Endpoint, Labels, NetworkPolicy } from "../model/types";
import { validateNamespaceName, validateObjectName } from "../kube/validate";
import { readPod, readWorkload, WORKLOAD_TEMPLATE_PATHS, type ObjectIdentity } from "./endpoints";
import type { ManifestDocument } from "./io";
import { readPolicySpec } from "./policy";
import { FieldReader, indexPath, isMapping, type Mapping } from "./reader";

/** The label the API server sets on every Namespace (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * The NetworkPolicy APIs the engine reads: networking.k8s.io/v1, and extensions/v1beta1, the same schema
 * and semantics under its pre-1.16 group (the Calico v3.5 tutorial declares its policies there). NetworkPolicy
 * kinds of other groups (e.g. Calico's projectcalico.org/v3) are ignored and counted.
 */
const NETWORK_POLICY_APIS: readonly string[] = ["networking.k8s.io/v1", "extensions/v1beta1"];

interface Declared<T> {
  readonly value: T;
  readonly source: string;
}

class ClusterBuilder {
  readonly namespaces = new Map<string, Declared<Labels>>();
  readonly endpoints = new Map<string, Declared<Endpoint>>();
  readonly policies = new Map<string, Declared<NetworkPolicy>>();
  readonly ignored = new Map<string, number>();

  visit(object: unknown, source: string): void {
    const reader: FieldReader = new FieldReader(source);
    if (!isMapping(object)) reader.fail(undefined, invalid.notObject(object));
    const mapping: Mapping = object;
    const kind = reader.string(mapping["kind"], "kind");
    if (kind === "List") {
      (reader.optionalList(mapping["items"], "items") ?? []).forEach((item, i) => this.visit(item, `${source} ${indexPath("items", i)}`));
      return;
    }
    if (kind === "Namespace") return this.addNamespace(mapping, source);
    if (kind === "Pod") {
      const { reader: r, identity } = this.identity(mapping, source, kind);
      return this.addEndpoint(readPod(r, mapping, identity), r);
    }
    const templatePath = WORKLOAD_TEMPLATE_PATHS[kind];
    if (templatePath !== undefined) {
      const { reader: r, identity } = this.identity(mapping, source, kind);
      return this.addEndpoint(readWorkload(r, mapping, kind, templatePath, identity), r);
    }
    const apiVersion = reader.optionalString(mapping["apiVersion"], "apiVersion");
    if (kind === "NetworkPolicy" && apiVersion !== undefined && NETWORK_POLICY_APIS.includes(apiVersion)) {
      const { reader: r, identity } = this.identity(mapping, source, kind);
      const id = `${identity.namespace}/${identity.name}`;
      const policy = readPolicySpec(r, { id, namespace: identity.namespace, name: identity.name, source }, mapping["spec"]);
      const first = this.policies.get(id);
      if (first !== undefined) r.fail("metadata.name", invalid.duplicate("NetworkPolicy", id, first.source));
      this.policies.set(id, { value: policy, source: r.source });
      return;
    }
    const label = kind === "NetworkPolicy" ? `${kind} (${apiVersion ?? "no apiVersion"})` : kind;
    this.ignored.set(label, (this.ignored.get(label) ?? 0) + 1);
  }

  private addNamespace(object: Mapping, source: string): void {
    const base = new FieldReader(describeDocument(source, "Namespace"));
    const metadata = base.mapping(object["metadata"], "metadata");
    const name = base.string(metadata["name"], "metadata.name");
    base.check(validateNamespaceName(name), "metadata.name");
    const reader = new FieldReader(describeDocument(source, "Namespace", name));
    // The API server always sets kubernetes.io/metadata.name to the namespace's name.
    const labels = { ...reader.labels(metadata["labels"], "metadata.labels"), [NAMESPACE_NAME_LABEL]: name };
    const first = this.namespaces.get(name);
    if (first !== undefined) reader.fail("metadata.name", invalid.duplicate("Namespace", name, first.source));
    this.namespaces.set(name, { value: labels, source: reader.source });
  }

  private identity(object: Mapping, source: string, kind: string): { reader: FieldReader; identity: ObjectIdentity } {
    const base = new FieldReader(describeDocument(source, kind));
    const metadata = base.mapping(object["metadata"], "metadata");
    const name = base.string(metadata["name"], "metadata.name");
    base.check(validateObjectName(name), "metadata.name");
    const named = new FieldReader(describeDocument(source, kind, name));
    const namespace = named.string(metadata["namespace"], "metadata.namespace");
    named.check(validateNamespaceName(namespace), "metadata.namespace");
    const reader = new FieldReader(describeDocument(source, kind, `${namespace}/${name}`));
    return { reader, identity: { namespace, name, labels: reader.labels(metadata["labels"], "metadata.labels") } };
  }

  private addEndpoint(endpoint: Endpoint, reader: FieldReader): void {
    const first = this.endpoints.get(endpoint.id);
    if (first !== undefined) reader.fail("metadata.name", invalid.duplicate("endpoint", endpoint.id, first.source));
    this.endpoints.set(endpoint.id, { value: endpoint, source: reader.source });
  }

  build(): Cluster {
    const namespaces = new Map<string, Labels>([...this.namespaces].map(([name, d]) => [name, d.value]));
    const implicitNamespaces: string[] = [];
    const used = [...this.endpoints.values()].map((d) => d.value.namespace).concat([...this.policies.values()].map((d) => d.value.namespace));
    for (const namespace of used) {
      // A namespace that objects live in but that no document declares is created as a fresh cluster
      // would have it: with only the kubernetes.io/metadata.name label.
      if (!namespaces.has(namespace)) {
        namespaces.set(namespace, { [NAMESPACE_NAME_LABEL]: namespace });
        implicitNamespaces.push(namespace);
      }
    }
    return new Cluster({
      endpoints: [...this.endpoints.values()].map((d) => d.value),
      namespaces,
      policies: [...this.policies.values()].map((d) => d.value),
      implicitNamespaces,
      ignored: this.ignored,
    });
  }
}

/**
 * Validates and normalises parsed manifests into a Cluster. Reads Namespaces, Pods, workloads
 * (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController) and
 * networking.k8s.io/v1 NetworkPolicies; unwraps `kind: List`; counts and ignores other kinds. Throws
 * an InvalidInputError naming the document and field on the first invalid value.
 */
export function loadCluster(docs: readonly ManifestDocument[]): Cluster {
  const builder = new ClusterBuilder();
  for (const doc of docs) builder.visit(doc.object, doc.source);
  return builder.build();
}
