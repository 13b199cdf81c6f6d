/**
 * Compiling a Cluster for queries: endpoints get indexes, selectors become matchers (namespace
 * selector results memoised per namespace), rules get their peer matchers and port predicates, and
 * each endpoint gets the list of policies that isolate it per direction. Done once per Analyzer.
 */
import type { Cluster } from "../model/cluster";
import type { ContainerPort, Labels, LabelSelector, NetworkPolicy, PolicyPeer, PolicyRule, Protocol } from "../model/types";
import { compileSelector, selectorKey, type SelectorMatcher } from "../kube/selector";
import { IpBlockMatcher, parseIp, type IpAddress } from "../net/ip";
import { PortRanges, PortSet } from "../net/portset";

/** One end of a flow, resolved: an endpoint index, or an address outside the cluster. */
export type Target = { readonly kind: "endpoint"; readonly index: number } | { readonly kind: "address"; readonly ip: IpAddress };

/** The endpoints of a cluster, indexed for fast matching. */
export class Universe {
  readonly labels: readonly Labels[];
  readonly namespaceOf: Int32Array;
  readonly ips: readonly (readonly IpAddress[])[];
  readonly namedPorts: readonly ReadonlyMap<string, ContainerPort>[];
  readonly indexById: ReadonlyMap<string, number>;
  readonly namespaceIndex: ReadonlyMap<string, number>;
  readonly namespaceLabels: readonly Labels[];
  readonly endpointsOfNamespace: readonly (readonly number[])[];

  constructor(cluster: Cluster) {
    const namespaces = [...cluster.namespaces.keys()];
    this.namespaceIndex = new Map(namespaces.map((name, i) => [name, i]));
    this.namespaceLabels = [...cluster.namespaces.values()];
    const endpoints = cluster.endpoints;
    this.labels = endpoints.map((e) => e.labels);
    this.namespaceOf = Int32Array.from(endpoints, (e) => this.namespaceIndex.get(e.namespace) ?? -1);
    this.ips = endpoints.map((e) => e.ips.map((ip) => parseIp(ip)).filter((ip): ip is IpAddress => ip !== undefined));
    this.namedPorts = endpoints.map((e) => new Map(e.ports.flatMap((p) => (p.name === undefined ? [] : [[p.name, p] as const]))));
    this.indexById = new Map(endpoints.map((e, i) => [e.id, i]));
    const byNamespace: number[][] = namespaces.map(() => []);
    endpoints.forEach((_, i) => byNamespace[this.namespaceOf[i]]?.push(i));
    this.endpointsOfNamespace = byNamespace;
  }

  get size(): number {
    return this.labels.length;
  }
}

/** A compiled `from`/`to` entry. */
interface CompiledPeer {
  matches(target: Target): boolean;
}

/** Memoised namespace selectors, shared by every peer that uses an equal selector. */
class NamespaceSelectors {
  private readonly byKey = new Map<string, (namespace: number) => boolean>();

  constructor(private readonly universe: Universe) {}

  get(selector: LabelSelector): (namespace: number) => boolean {
    const key = selectorKey(selector);
    let test = this.byKey.get(key);
    if (test === undefined) {
      const matcher = compileSelector(selector);
      const labels = this.universe.namespaceLabels;
      const memo = new Int8Array(labels.length); // 0 unknown, 1 no, 2 yes
      test = (namespace) => {
        let known = memo[namespace];
        if (known === 0) {
          known = matcher(labels[namespace]) ? 2 : 1;
          memo[namespace] = known;
        }
        return known === 2;
      };
      this.byKey.set(key, test);
    }
    return test;
  }
}

function compilePeer(peer: PolicyPeer, policyNamespace: number, universe: Universe, namespaces: NamespaceSelectors): CompiledPeer {
  if (peer.kind === "ipBlock") {
    // ipBlock: addresses in cidr minus except; pods match by their known IPs (implementation-defined
    // in Kubernetes; this engine lets a pod IP match, as most CNIs do for non-NATed pod traffic).
    const block = IpBlockMatcher.of(peer.ipBlock.cidr, peer.ipBlock.except);
    return {
      matches: (t) => (t.kind === "address" ? block.matches(t.ip) : universe.ips[t.index].some((ip) => block.matches(ip))),
    };
  }
  // podSelector alone: pods of the policy's namespace. namespaceSelector alone: every pod of the
  // matching namespaces. Both: pods matching podSelector in namespaces matching namespaceSelector.
  const inNamespace: (namespace: number) => boolean =
    peer.namespaceSelector === undefined ? (ns) => ns === policyNamespace : namespaces.get(peer.namespaceSelector);
  const pod: SelectorMatcher | undefined = peer.podSelector === undefined ? undefined : compileSelector(peer.podSelector);
  return {
    matches: (t) =>
      t.kind === "endpoint" && inNamespace(universe.namespaceOf[t.index]) && (pod === undefined || pod(universe.labels[t.index])),
  };
}

/** A named port of a rule: matches a destination whose container port of that name and protocol has the flow's port. */
interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
}

/** A compiled ingress or egress rule. */
export class CompiledRule {
  /** True when the rule has no peers: it matches every source or destination, inside or outside the cluster. */
  readonly allPeers: boolean;
  /** Numeric ports and ranges (`ports` empty: every port of every protocol). */
  readonly numericPorts: PortSet;
  /** Named ports, resolved against the destination endpoint's container ports. */
  readonly namedPorts: readonly NamedPort[];
  private readonly peers: readonly CompiledPeer[];

  constructor(readonly index: number, rule: PolicyRule, policyNamespace: number, private readonly universe: Universe, namespaces: NamespaceSelectors) {
    this.allPeers = rule.peers.length === 0;
    this.peers = rule.peers.map((peer) => compilePeer(peer, policyNamespace, universe, namespaces));
    let numeric = rule.ports.length === 0 ? PortSet.all() : PortSet.empty();
    const named: NamedPort[] = [];
    for (const p of rule.ports) {
      if (typeof p.port === "string") named.push({ name: p.port, protocol: p.protocol });
      else if (p.port === undefined) numeric = numeric.union(PortSet.of(p.protocol, PortRanges.ALL));
      else numeric = numeric.union(PortSet.of(p.protocol, PortRanges.range(p.port, p.endPort ?? p.port)));
    }
    this.numericPorts = numeric;
    this.namedPorts = named;
  }

  /** True when the rule's peers include `target` (the source for ingress, the destination for egress). */
  peerMatches(target: Target): boolean {
    return this.allPeers || this.peers.some((peer) => peer.matches(target));
  }

  /**
   * True when the rule's ports include `port`/`protocol` at `destination`. Named ports resolve against
   * the destination's container ports (for ingress the policy's own pod, for egress the peer); an
   * address destination has no named ports, so a named port never matches it.
   */
  portMatches(destination: Target, port: number, protocol: Protocol): boolean {
    if (this.numericPorts.contains(protocol, port)) return true;
    if (destination.kind === "address" || this.namedPorts.length === 0) return false;
    const declared = this.universe.namedPorts[destination.index];
    return this.namedPorts.some((n) => {
      const cp = n.protocol === protocol ? declared.get(n.name) : undefined;
      return cp !== undefined && cp.protocol === protocol && cp.port === port;
    });
  }
}

/** A compiled policy: rules per direction, `undefined` when the direction is not in policyTypes. */
export interface CompiledPolicy {
  readonly id: string;
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
}

/** The compiled cluster: indexed endpoints, policies, and per endpoint the policies isolating it. */
export interface CompiledCluster {
  readonly universe: Universe;
  readonly policies: readonly CompiledPolicy[];
  /** Endpoint index -> indexes of the policies selecting it with Ingress in policyTypes (sorted by id). */
  readonly ingressOf: readonly (readonly number[])[];
  /** Endpoint index -> indexes of the policies selecting it with Egress in policyTypes (sorted by id). */
  readonly egressOf: readonly (readonly number[])[];
}

/** Compiles a cluster. Cost: linear in policies times the pods of their namespace, plus rules. */
export function compileCluster(cluster: Cluster): CompiledCluster {
  const universe = new Universe(cluster);
  const namespaces = new NamespaceSelectors(universe);
  const ingressOf: number[][] = cluster.endpoints.map(() => []);
  const egressOf: number[][] = cluster.endpoints.map(() => []);
  const policies = cluster.policies.map((policy: NetworkPolicy, p): CompiledPolicy => {
    const ns = universe.namespaceIndex.get(policy.namespace) ?? -1;
    const isIngress = policy.policyTypes.includes("Ingress");
    const isEgress = policy.policyTypes.includes("Egress");
    // A policy selects pods of its own namespace only; an empty podSelector selects all of them.
    // Being selected for a direction isolates the pod for that direction, rules or not.
    const selects = compileSelector(policy.podSelector);
    for (const e of universe.endpointsOfNamespace[ns] ?? []) {
      if (!selects(universe.labels[e])) continue;
      if (isIngress) ingressOf[e]?.push(p);
      if (isEgress) egressOf[e]?.push(p);
    }
    const compileRules = (rules: readonly PolicyRule[]): CompiledRule[] => rules.map((rule, i) => new CompiledRule(i, rule, ns, universe, namespaces));
    return {
      id: policy.id,
      ...(isIngress ? { ingress: compileRules(policy.ingress) } : {}),
      ...(isEgress ? { egress: compileRules(policy.egress) } : {}),
    };
  });
  return { universe, policies, ingressOf, egressOf };
}
