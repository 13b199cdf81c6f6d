/**
 * np-guard's netpol-analyzer ("netpolicy") as a reference: build/locate the binary, run
 * `netpolicy list --dirpath DIR -o json`, and normalise its answer into connection sets.
 *
 * Output format of v1.4.4 (`-o json`): an array of `{ "src", "dst", "conn" }` where
 * - src/dst is `namespace/name[Kind]` for a Pod or a workload (`ns/web[Deployment]`; one entry per
 *   workload, however many replicas), or an IPv4 range `a.b.c.d-e.f.g.h` for addresses outside the
 *   cluster (the ranges are the atoms cut out of 0.0.0.0/0 by every ipBlock of every policy);
 * - conn is `All Connections`, or a list like `TCP 80,1000-1010,UDP 53` (a protocol name starts a
 *   new group; port numbers 1-65535);
 * - pairs with no connection are left out, and so are pairs of an endpoint with itself.
 */
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";

export type Protocol = "TCP" | "UDP" | "SCTP";
export const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];
export const NETPOLICY_VERSION = "v1.4.4";

/** Allowed ports per protocol, as sorted disjoint inclusive ranges. */
export type ConnSet = ReadonlyMap<Protocol, readonly (readonly [number, number])[]>;

export const ALL_CONNECTIONS: ConnSet = new Map(PROTOCOLS.map((p) => [p, [[1, 65535]] as const]));
export const NO_CONNECTIONS: ConnSet = new Map();

export function connAllows(conn: ConnSet, protocol: Protocol, port: number): boolean {
  for (const [lo, hi] of conn.get(protocol) ?? []) if (port >= lo && port <= hi) return true;
  return false;
}

/** Parse a reference `conn` string. Throws on anything unexpected (so format drift is loud). */
export function parseConn(text: string): ConnSet {
  const t = text.trim();
  if (t === "All Connections") return ALL_CONNECTIONS;
  if (t === "No Connections" || t === "") return NO_CONNECTIONS;
  const out = new Map<Protocol, [number, number][]>();
  let current: Protocol | undefined;
  for (const raw of t.split(",")) {
    let piece = raw.trim();
    const m = /^(TCP|UDP|SCTP)\s+(.*)$/.exec(piece);
    if (m) { current = m[1] as Protocol; piece = (m[2] as string).trim(); }
    if (current === undefined) throw new Error(`unexpected connection string from netpolicy: ${JSON.stringify(text)}`);
    const r = /^(\d+)(?:-(\d+))?$/.exec(piece);
    if (!r) throw new Error(`unexpected port range ${JSON.stringify(piece)} in ${JSON.stringify(text)}`);
    const lo = Number(r[1]);
    const hi = r[2] === undefined ? lo : Number(r[2]);
    const list = out.get(current) ?? [];
    list.push([lo, hi]);
    out.set(current, list);
  }
  return out;
}

export function ipv4ToNumber(s: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((a, o) => a * 256 + o, 0);
}

export function numberToIpv4(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join(".");
}

/** A reference peer: an endpoint id (`ns/name`) or an IPv4 range. */
export type RefPeer = { kind: "endpoint"; id: string; workloadKind: string } | { kind: "range"; lo: number; hi: number };

export function parsePeer(text: string): RefPeer {
  const e = /^([^/\s]+\/[^[\s]+)\[([A-Za-z]+)\]$/.exec(text);
  if (e) return { kind: "endpoint", id: e[1] as string, workloadKind: e[2] as string };
  const r = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (r) {
    const lo = ipv4ToNumber(r[1] as string), hi = ipv4ToNumber(r[2] as string);
    if (lo !== undefined && hi !== undefined) return { kind: "range", lo, hi };
  }
  const c = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(text);
  if (c) {
    const base = ipv4ToNumber(c[1] as string);
    const len = Number(c[2]);
    if (base !== undefined && len <= 32) return { kind: "range", lo: base, hi: base + 2 ** (32 - len) - 1 };
  }
  const single = ipv4ToNumber(text);
  if (single !== undefined) return { kind: "range", lo: single, hi: single };
  throw new Error(`unexpected peer name from netpolicy: ${JSON.stringify(text)}`);
}

/** The reference's answer for one case, indexed for lookups. */
export class ReferenceResult {
  /** `from|to` -> connections, endpoint pairs only. */
  readonly pairs = new Map<string, ConnSet>();
  /** endpoint id -> [lo, hi, conn] of address ranges it may send to. */
  readonly egressRanges = new Map<string, [number, number, ConnSet][]>();
  /** endpoint id -> [lo, hi, conn] of address ranges it may receive from. */
  readonly ingressRanges = new Map<string, [number, number, ConnSet][]>();
  /** Every endpoint the reference reported (`ns/name` -> kind). */
  readonly endpoints = new Map<string, string>();

  constructor(readonly raw: readonly { src: string; dst: string; conn: string }[]) {
    for (const line of raw) {
      const src = parsePeer(line.src), dst = parsePeer(line.dst);
      const conn = parseConn(line.conn);
      if (src.kind === "endpoint") this.endpoints.set(src.id, src.workloadKind);
      if (dst.kind === "endpoint") this.endpoints.set(dst.id, dst.workloadKind);
      if (src.kind === "endpoint" && dst.kind === "endpoint") {
        this.pairs.set(`${src.id}|${dst.id}`, conn);
      } else if (src.kind === "endpoint" && dst.kind === "range") {
        push(this.egressRanges, src.id, [dst.lo, dst.hi, conn]);
      } else if (src.kind === "range" && dst.kind === "endpoint") {
        push(this.ingressRanges, dst.id, [src.lo, src.hi, conn]);
      }
    }
  }

  pair(from: string, to: string): ConnSet { return this.pairs.get(`${from}|${to}`) ?? NO_CONNECTIONS; }

  /** Connections from `endpoint` to the address `ip` (a number). */
  toAddress(endpoint: string, ip: number): ConnSet { return lookup(this.egressRanges.get(endpoint), ip); }

  /** Connections from the address `ip` to `endpoint`. */
  fromAddress(endpoint: string, ip: number): ConnSet { return lookup(this.ingressRanges.get(endpoint), ip); }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

function lookup(ranges: readonly [number, number, ConnSet][] | undefined, ip: number): ConnSet {
  if (!ranges) return NO_CONNECTIONS;
  const hits = ranges.filter(([lo, hi]) => ip >= lo && ip <= hi).map(([, , c]) => c);
  if (hits.length === 0) return NO_CONNECTIONS;
  if (hits.length === 1) return hits[0] as ConnSet;
  // Overlapping ranges for one endpoint have not been seen; union them to be safe.
  const out = new Map<Protocol, [number, number][]>();
  for (const c of hits) for (const [p, rs] of c) out.set(p, [...(out.get(p) ?? []), ...rs.map(([a, b]) => [a, b] as [number, number])]);
  return out;
}

/** Build (once, cached outside the repo) or locate the netpolicy binary; returns its path. */
export function ensureNetpolicy(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.NETPOLICY_BIN) return process.env.NETPOLICY_BIN;
  const script = path.join(__dirname, "build-netpolicy.sh");
  const out = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const lines = out.trim().split("\n");
  return lines[lines.length - 1] as string;
}

export interface ReferenceRun {
  ok: boolean;
  result?: ReferenceResult;
  /** Non-fatal warnings and errors the reference printed. */
  stderr: string;
  ms: number;
}

/** Run `netpolicy list --dirpath DIR -o json` asynchronously. */
export function runNetpolicy(bin: string, dir: string): Promise<ReferenceRun> {
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(bin, ["list", "--dirpath", dir, "-o", "json"], { maxBuffer: 1 << 30, encoding: "utf8" }, (err, stdout, stderr) => {
      const ms = performance.now() - start;
      if (err) { resolve({ ok: false, stderr: `${stderr}\n${err.message}`, ms }); return; }
      try {
        const text = stdout.trim();
        const raw = text === "" ? [] : (JSON.parse(text) as { src: string; dst: string; conn: string }[]);
        resolve({ ok: true, result: new ReferenceResult(raw), stderr, ms });
      } catch (e) {
        resolve({ ok: false, stderr: `${stderr}\n${e instanceof Error ? e.message : String(e)}`, ms });
      }
    });
  });
}
