/**
 * Port sets as interval lists per protocol, with union, intersection and subtraction (np-guard
 * style). A rule's numeric ports compile to one PortSet; named ports are resolved per destination.
 */
import { PROTOCOLS, type Protocol } from "../model/types";

/** The lowest port a flow can use. */
export const MIN_PORT = 1;
/** The highest port a flow can use. */
export const MAX_PORT = 65535;

type Interval = readonly [number, number];

/** A set of port numbers as sorted, disjoint, non-adjacent closed intervals within 1..65535. */
export class PortRanges {
  /** No port. */
  static readonly EMPTY = new PortRanges([]);
  /** Every port, 1-65535. */
  static readonly ALL = new PortRanges([[MIN_PORT, MAX_PORT]]);

  private constructor(private readonly intervals: readonly Interval[]) {}

  /** The ports `from..to` (clamped to 1..65535; empty when from > to). */
  static range(from: number, to: number = from): PortRanges {
    const lo = Math.max(from, MIN_PORT);
    const hi = Math.min(to, MAX_PORT);
    return lo > hi ? PortRanges.EMPTY : new PortRanges([[lo, hi]]);
  }

  private static normalise(intervals: Interval[]): PortRanges {
    intervals.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [lo, hi] of intervals) {
      const last = merged[merged.length - 1];
      if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else merged.push([lo, hi]);
    }
    return new PortRanges(merged);
  }

  /** The intervals, sorted. */
  get ranges(): readonly Interval[] {
    return this.intervals;
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  contains(port: number): boolean {
    for (const [lo, hi] of this.intervals) {
      if (port < lo) return false;
      if (port <= hi) return true;
    }
    return false;
  }

  union(other: PortRanges): PortRanges {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return PortRanges.normalise([...this.intervals, ...other.intervals]);
  }

  intersect(other: PortRanges): PortRanges {
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < this.intervals.length && j < other.intervals.length) {
      const [a0, a1] = this.intervals[i];
      const [b0, b1] = other.intervals[j];
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
      if (a1 < b1) i++;
      else j++;
    }
    return new PortRanges(out);
  }

  subtract(other: PortRanges): PortRanges {
    let out: Interval[] = [...this.intervals];
    for (const [b0, b1] of other.intervals) {
      const next: Interval[] = [];
      for (const [a0, a1] of out) {
        if (b1 < a0 || b0 > a1) next.push([a0, a1]);
        else {
          if (a0 < b0) next.push([a0, b0 - 1]);
          if (b1 < a1) next.push([b1 + 1, a1]);
        }
      }
      out = next;
    }
    return new PortRanges(out);
  }

  equals(other: PortRanges): boolean {
    return this.toString() === other.toString();
  }

  /** e.g. `53,80-90`; `all` for 1-65535; `none` when empty. */
  toString(): string {
    if (this.isEmpty()) return "none";
    if (this.intervals.length === 1 && this.intervals[0]?.[0] === MIN_PORT && this.intervals[0]?.[1] === MAX_PORT) return "all";
    return this.intervals.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(",");
  }
}

/** A set of (protocol, port) pairs: one PortRanges per protocol. */
export class PortSet {
  private constructor(private readonly byProtocol: Readonly<Record<Protocol, PortRanges>>) {}

  /** No port of any protocol. */
  static empty(): PortSet {
    return new PortSet({ TCP: PortRanges.EMPTY, UDP: PortRanges.EMPTY, SCTP: PortRanges.EMPTY });
  }

  /** Every port of every protocol. */
  static all(): PortSet {
    return new PortSet({ TCP: PortRanges.ALL, UDP: PortRanges.ALL, SCTP: PortRanges.ALL });
  }

  /** The given ports of one protocol. */
  static of(protocol: Protocol, ports: PortRanges): PortSet {
    return PortSet.empty().with(protocol, ports);
  }

  private with(protocol: Protocol, ports: PortRanges): PortSet {
    return new PortSet({ ...this.byProtocol, [protocol]: ports });
  }

  private combine(other: PortSet, op: (a: PortRanges, b: PortRanges) => PortRanges): PortSet {
    return new PortSet({
      TCP: op(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: op(this.byProtocol.UDP, other.byProtocol.UDP),
      SCTP: op(this.byProtocol.SCTP, other.byProtocol.SCTP),
    });
  }

  /** The ports of one protocol. */
  ports(protocol: Protocol): PortRanges {
    return this.byProtocol[protocol];
  }

  contains(protocol: Protocol, port: number): boolean {
    return this.byProtocol[protocol].contains(port);
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => this.byProtocol[p].isEmpty());
  }

  union(other: PortSet): PortSet {
    return this.combine(other, (a, b) => a.union(b));
  }

  intersect(other: PortSet): PortSet {
    return this.combine(other, (a, b) => a.intersect(b));
  }

  subtract(other: PortSet): PortSet {
    return this.combine(other, (a, b) => a.subtract(b));
  }

  /** e.g. `TCP:80,443 UDP:53`; `none` when empty. */
  toString(): string {
    const parts = PROTOCOLS.filter((p) => !this.byProtocol[p].isEmpty()).map((p) => `${p}:${this.byProtocol[p].toString()}`);
    return parts.length === 0 ? "none" : parts.join(" ");
  }
}
