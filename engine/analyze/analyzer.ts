/**
 * The Analyzer answers "may this flow pass?" for a compiled cluster. Kubernetes semantics:
 * - A flow passes when egress at the source AND ingress at the destination both allow it.
 * - A pod is isolated for a direction when at least one policy selecting it lists that direction in
 *   policyTypes; a pod that is not isolated allows everything in that direction.
 * - For an isolated pod, policies are additive: the flow is allowed when any rule of any policy
 *   isolating it matches (peer and port); there are no deny rules and order does not matter.
 * - Only the pod's side is checked when the other side is an address outside the cluster; an
 *   address-to-address flow is outside NetworkPolicy altogether.
 * - Traffic from a pod to itself is treated like any other flow (both directions apply). The
 *   upstream e2e tests ignore loopback because CNIs differ; this engine applies policy to it.
 */
import { InvalidInputError } from "../errors";
import { explain, invalid } from "../messages";
import type { Cluster } from "../model/cluster";
import type { DirectionVerdict, Peer, Protocol, Verdict } from "../model/types";
import { PROTOCOLS } from "../model/types";
import { isProtocol, validatePortNumber } from "../kube/validate";
import { parseIp } from "../net/ip";
import { BitSet } from "./bitset";
import { compileCluster, type CompiledCluster, type CompiledRule, type Target } from "./compile";

type Direction = "ingress" | "egress";

const EXTERNAL = (direction: Direction): DirectionVerdict => ({
  direction,
  applies: false,
  isolated: false,
  allowed: true,
  isolatedBy: [],
  allowedBy: [],
});

/**
 * Decides flows for one cluster. The constructor compiles the cluster once (selectors, rules, the
 * policies isolating each endpoint); evaluate() and matrix() only match.
 */
export class Analyzer {
  private readonly compiled: CompiledCluster;
  private readonly addresses = new Map<string, Target>();

  constructor(cluster: Cluster) {
    this.compiled = compileCluster(cluster);
  }

  /** Resolves a peer; throws InvalidInputError for an unknown endpoint or an invalid address. */
  private resolve(peer: Peer): Target {
    return this.resolveNamed(peer).target;
  }

  private resolveNamed(peer: Peer): { target: Target; name: string } {
    if ("endpoint" in peer && typeof peer.endpoint === "string") {
      const index = this.compiled.universe.indexById.get(peer.endpoint);
      if (index === undefined) throw new InvalidInputError(invalid.unknownEndpoint(peer.endpoint));
      return { target: { kind: "endpoint", index }, name: peer.endpoint };
    }
    if ("address" in peer && typeof peer.address === "string") {
      let target = this.addresses.get(peer.address);
      if (target === undefined) {
        const ip = parseIp(peer.address);
        if (ip === undefined) throw new InvalidInputError(invalid.ipAddress(peer.address));
        target = { kind: "address", ip };
        this.addresses.set(peer.address, target);
      }
      return { target, name: peer.address };
    }
    throw new InvalidInputError(invalid.badPeer());
  }

  private static checkQuery(port: number, protocol: Protocol): void {
    const portError = validatePortNumber(port);
    if (portError !== undefined) throw new InvalidInputError(portError, { field: "port" });
    if (!isProtocol(protocol)) throw new InvalidInputError(invalid.unsupported(protocol, PROTOCOLS), { field: "protocol" });
  }

  /** Evaluates one direction at an endpoint: `ruleMatches` tells whether a rule admits the flow. */
  private direction(direction: Direction, endpoint: number, ruleMatches: (rule: CompiledRule) => boolean): DirectionVerdict {
    const policyIndexes = (direction === "ingress" ? this.compiled.ingressOf : this.compiled.egressOf)[endpoint] ?? [];
    const isolatedBy: string[] = [];
    const allowedBy: { policy: string; rule: number }[] = [];
    for (const p of policyIndexes) {
      const policy = this.compiled.policies[p];
      if (policy === undefined) continue;
      isolatedBy.push(policy.id);
      for (const rule of policy[direction] ?? []) {
        if (ruleMatches(rule)) allowedBy.push({ policy: policy.id, rule: rule.index });
      }
    }
    const isolated = isolatedBy.length > 0;
    return { direction, applies: true, isolated, allowed: !isolated || allowedBy.length > 0, isolatedBy, allowedBy };
  }

  private static reasons(verdict: DirectionVerdict, name: string): string[] {
    if (!verdict.applies) return [verdict.direction === "egress" ? explain.externalSource(name) : explain.externalDestination(name)];
    if (!verdict.isolated) return [explain.notIsolated(verdict.direction, name)];
    if (verdict.allowedBy.length === 0) return [explain.denied(verdict.direction, name, verdict.isolatedBy)];
    return verdict.allowedBy.map((a) => explain.allowedBy(verdict.direction, name, a.policy, a.rule));
  }

  /**
   * May a flow from `from` to `to` on `port`/`protocol` pass? Returns both directions, the policies
   * and rules deciding each, and sentences saying why. Throws InvalidInputError for an unknown
   * endpoint, an invalid address, port or protocol.
   */
  evaluate(from: Peer, to: Peer, port: number, protocol: Protocol): Verdict {
    Analyzer.checkQuery(port, protocol);
    const { target: source, name: fromName } = this.resolveNamed(from);
    const { target: destination, name: toName } = this.resolveNamed(to);
    if (source.kind === "address" && destination.kind === "address") {
      return { allowed: true, egress: EXTERNAL("egress"), ingress: EXTERNAL("ingress"), reasons: [explain.addressToAddress(fromName, toName)] };
    }
    // Egress is decided at the source, against the destination; named ports refer to the destination.
    const egress =
      source.kind === "address"
        ? EXTERNAL("egress")
        : this.direction("egress", source.index, (rule) => rule.peerMatches(destination) && rule.portMatches(destination, port, protocol));
    // Ingress is decided at the destination, against the source; named ports refer to the destination itself.
    const ingress =
      destination.kind === "address"
        ? EXTERNAL("ingress")
        : this.direction("ingress", destination.index, (rule) => rule.peerMatches(source) && rule.portMatches(destination, port, protocol));
    return {
      allowed: egress.allowed && ingress.allowed,
      egress,
      ingress,
      reasons: [...Analyzer.reasons(egress, fromName), ...Analyzer.reasons(ingress, toName)],
    };
  }

  /**
   * All pairs at once, without explanations: `result[i][j]` tells whether `from[i]` may reach `to[j]`
   * on `port`/`protocol`. Per destination it builds the set of sources its ingress admits, per source
   * the set of destinations its egress admits (both as bitsets, per-policy results cached), then ANDs.
   */
  matrix(from: readonly Peer[], to: readonly Peer[], port: number, protocol: Protocol): boolean[][] {
    Analyzer.checkQuery(port, protocol);
    const sources = from.map((p) => this.resolve(p));
    const destinations = to.map((p) => this.resolve(p));
    const { policies, ingressOf, egressOf } = this.compiled;

    const peerSets = (targets: readonly Target[]): ((rule: CompiledRule) => BitSet) => {
      const cache = new Map<CompiledRule, BitSet>();
      const full = BitSet.full(targets.length);
      return (rule) => {
        if (rule.allPeers) return full;
        let set = cache.get(rule);
        if (set === undefined) {
          set = new BitSet(targets.length);
          for (let i = 0; i < targets.length; i++) if (rule.peerMatches(targets[i])) set.add(i);
          cache.set(rule, set);
        }
        return set;
      };
    };
    const sourcesOf = peerSets(sources);
    const destinationsOf = peerSets(destinations);

    // Ingress: for each destination endpoint, the sources some isolating policy admits. A policy's
    // answer depends on the destination only through which of its rules' ports match there.
    const ingressCache = new Map<string, BitSet>();
    const ingressUnions = new Map<string, BitSet>();
    const admitted: (BitSet | undefined)[] = destinations.map((d) => {
      if (d.kind === "address") return undefined;
      const isolating = ingressOf[d.index] ?? [];
      if (isolating.length === 0) return undefined;
      const policySets = isolating.map((p) => {
        const rules = policies[p]?.ingress ?? [];
        const portOk = rules.map((rule) => rule.portMatches(d, port, protocol));
        const key = `${p}:${portOk.map((ok) => (ok ? "1" : "0")).join("")}`;
        let policySet = ingressCache.get(key);
        if (policySet === undefined) {
          policySet = new BitSet(sources.length);
          for (let r = 0; r < rules.length; r++) if (portOk[r] === true) policySet.orWith(sourcesOf(rules[r]));
          ingressCache.set(key, policySet);
        }
        return { key, policySet };
      });
      // Destinations selected by the same policies (with the same port outcomes) share one union.
      const unionKey = policySets.map((x) => x.key).join(",");
      let set = ingressUnions.get(unionKey);
      if (set === undefined) {
        set = new BitSet(sources.length);
        for (const { policySet } of policySets) set.orWith(policySet);
        ingressUnions.set(unionKey, set);
      }
      return set;
    });

    // Egress: for each source endpoint, the destinations some isolating policy admits. Named ports
    // resolve per destination, so a rule contributes its peers that also have the port.
    const egressCache = new Map<number, BitSet>();
    const portSetOf = (rule: CompiledRule): BitSet | "all" | "none" => {
      if (rule.numericPorts.contains(protocol, port)) return "all";
      if (rule.namedPorts.length === 0) return "none";
      const set = new BitSet(destinations.length);
      destinations.forEach((d, j) => rule.portMatches(d, port, protocol) && set.add(j));
      return set;
    };
    const egressUnions = new Map<string, BitSet>();
    const reachable: (BitSet | undefined)[] = sources.map((s) => {
      if (s.kind === "address") return undefined;
      const isolating = egressOf[s.index] ?? [];
      if (isolating.length === 0) return undefined;
      // Sources selected by the same policies share one union.
      const unionKey = isolating.join(",");
      let set = egressUnions.get(unionKey);
      if (set !== undefined) return set;
      set = new BitSet(destinations.length);
      for (const p of isolating) {
        let policySet = egressCache.get(p);
        if (policySet === undefined) {
          policySet = new BitSet(destinations.length);
          for (const rule of policies[p]?.egress ?? []) {
            const ports = portSetOf(rule);
            if (ports !== "none") policySet.orWith(ports === "all" ? destinationsOf(rule) : destinationsOf(rule).and(ports));
          }
          egressCache.set(p, policySet);
        }
        set.orWith(policySet);
      }
      egressUnions.set(unionKey, set);
      return set;
    });

    return sources.map((_, i) => {
      const out = reachable[i];
      return destinations.map((_d, j) => {
        const inn = admitted[j];
        return (out === undefined || out.has(j)) && (inn === undefined || inn.has(i));
      });
    });
  }
}
