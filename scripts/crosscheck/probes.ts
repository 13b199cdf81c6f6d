/**
 * What to ask both analysers about a case: its endpoints, the ports and the addresses at which
 * the answer can change.
 *
 * Completeness: for one pair and protocol, the set of allowed ports is a union of ranges whose ends
 * are policy ports, endPorts and container ports (named ports resolve to those). Probing every such
 * value v together with v-1 and v+1, plus 1 and 65535, hits both ends of every maximal run of equal
 * answers, so agreeing on the probes means agreeing on all 65,535 ports. The same holds for
 * addresses: the answer for an address is constant between consecutive ipBlock / except boundaries,
 * so probing the first and last address of each CIDR and their neighbours covers all of IPv4.
 */
import type { K8sObject } from "./generate";
import { ipv4ToNumber } from "./reference";

export interface EndpointRef {
  /** `ns/name`. */
  id: string;
  kind: string;
  podIps: string[];
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"]);

export function endpointsOf(objects: readonly K8sObject[]): EndpointRef[] {
  const out: EndpointRef[] = [];
  for (const o of objects) {
    const kind = o.kind as string;
    if (kind !== "Pod" && !WORKLOAD_KINDS.has(kind)) continue;
    const md = (o.metadata ?? {}) as K8sObject;
    const status = (o.status ?? {}) as K8sObject;
    const podIps: string[] = [];
    if (typeof status.podIP === "string") podIps.push(status.podIP);
    for (const p of (status.podIPs as K8sObject[] | undefined) ?? []) if (typeof p.ip === "string" && !podIps.includes(p.ip)) podIps.push(p.ip);
    out.push({ id: `${(md.namespace as string | undefined) ?? "default"}/${md.name as string}`, kind, podIps });
  }
  return out;
}

function walk(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) { for (const v of value) walk(v, visit); return; }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) { visit(k, v); walk(v, visit); }
  }
}

/** Ports at which some pair's answer may change (see the file comment). Sorted, 1..65535. */
export function portProbes(objects: readonly K8sObject[]): number[] {
  const set = new Set<number>([1, 65535]);
  walk(objects, (k, v) => {
    if ((k === "port" || k === "endPort" || k === "containerPort") && typeof v === "number") {
      for (const p of [v - 1, v, v + 1]) if (p >= 1 && p <= 65535) set.add(p);
    }
  });
  return [...set].sort((a, b) => a - b);
}

/** IPv4 addresses (as numbers) at which an address's answer may change, minus the pods' own IPs. */
export function addressProbes(objects: readonly K8sObject[]): number[] {
  const set = new Set<number>([0, 2 ** 32 - 1]);
  const cidrs: string[] = [];
  walk(objects, (k, v) => {
    if (k === "cidr" && typeof v === "string") cidrs.push(v);
    if (k === "except" && Array.isArray(v)) for (const e of v) if (typeof e === "string") cidrs.push(e);
  });
  for (const c of cidrs) {
    const [addr = "", lenText = ""] = c.split("/");
    const base = ipv4ToNumber(addr);
    const len = Number(lenText);
    if (base === undefined || !Number.isInteger(len) || len < 0 || len > 32) continue; // IPv6 or malformed
    const size = 2 ** (32 - len);
    const lo = Math.floor(base / size) * size;
    const hi = lo + size - 1;
    for (const a of [lo - 1, lo, hi, hi + 1]) if (a >= 0 && a < 2 ** 32) set.add(a);
  }
  const podIps = new Set(endpointsOf(objects).flatMap((e) => e.podIps).map((ip) => ipv4ToNumber(ip)));
  return [...set].filter((a) => !podIps.has(a)).sort((a, b) => a - b);
}

/** True when some pod's IP lies inside some ipBlock CIDR of the case. */
export function podIpInsideIpBlock(objects: readonly K8sObject[]): boolean {
  const ips = endpointsOf(objects).flatMap((e) => e.podIps).map((ip) => ipv4ToNumber(ip)).filter((n): n is number => n !== undefined);
  if (ips.length === 0) return false;
  let hit = false;
  walk(objects, (k, v) => {
    if (k !== "cidr" || typeof v !== "string") return;
    const [addr = "", lenText = ""] = v.split("/");
    const base = ipv4ToNumber(addr);
    const len = Number(lenText);
    if (base === undefined) return;
    const size = 2 ** (32 - len);
    const lo = Math.floor(base / size) * size;
    if (ips.some((ip) => ip >= lo && ip < lo + size)) hit = true;
  });
  return hit;
}
