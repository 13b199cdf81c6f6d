import type { Endpoint, Labels, NetworkPolicy } from "./types";

/** What a Cluster is built from (see loadCluster, which validates; this class trusts its input). */
export interface ClusterArgs {
  readonly endpoints: readonly Endpoint[];
  /** Namespace name -> labels (including `kubernetes.io/metadata.name`). */
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly policies: readonly NetworkPolicy[];
  /** Namespaces created because an object lives in them without a Namespace document. @default [] */
  readonly implicitNamespaces?: readonly string[];
  /** Objects of kinds the engine does not model, counted by kind. @default empty */
  readonly ignored?: ReadonlyMap<string, number>;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A validated, normalised cluster: namespaces with labels, endpoints (pods and workloads) and
 * NetworkPolicies, each sorted by id, with lookups. Build it with loadCluster.
 */
export class Cluster {
  /** Pods and workloads, sorted by id (`ns/name`). */
  readonly endpoints: readonly Endpoint[];
  /** Namespace name -> labels, sorted by name. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  /** Normalised NetworkPolicies (policyTypes explicit), sorted by id. */
  readonly policies: readonly NetworkPolicy[];
  /** Namespaces that had no Namespace document and were created with only `kubernetes.io/metadata.name`. */
  readonly implicitNamespaces: readonly string[];
  /** Ignored objects counted by kind (e.g. `Service` -> 2). */
  readonly ignored: ReadonlyMap<string, number>;
  private readonly endpointById: ReadonlyMap<string, Endpoint>;
  private readonly policyById: ReadonlyMap<string, NetworkPolicy>;

  constructor(args: ClusterArgs) {
    this.endpoints = [...args.endpoints].sort(byId);
    this.namespaces = new Map([...args.namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.policies = [...args.policies].sort(byId);
    this.implicitNamespaces = [...(args.implicitNamespaces ?? [])].sort();
    this.ignored = new Map(args.ignored ?? []);
    this.endpointById = new Map(this.endpoints.map((e) => [e.id, e]));
    this.policyById = new Map(this.policies.map((p) => [p.id, p]));
  }

  /** The endpoint with this id (`ns/name`), if any. */
  endpoint(id: string): Endpoint | undefined {
    return this.endpointById.get(id);
  }

  /** The policy with this id (`ns/name`), if any. */
  policy(id: string): NetworkPolicy | undefined {
    return this.policyById.get(id);
  }

  /** The labels of a namespace, if it exists. */
  namespaceLabels(name: string): Labels | undefined {
    return this.namespaces.get(name);
  }
}
