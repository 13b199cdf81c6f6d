/**
 * Seeded random generator of small Kubernetes clusters (namespaces, pods, workloads and
 * NetworkPolicies) for the differential cross-check against np-guard's netpol-analyzer.
 *
 * A case is fully determined by `(seed, index)`: the same pair always yields the same objects, so a
 * disagreement is reproduced with `--seed S --case I`.
 *
 *   npx tsx scripts/crosscheck/generate.ts --seed 42 --cases 5 --out /tmp/cases
 *   npx tsx scripts/crosscheck/generate.ts --seed 42 --case 17 --out /tmp/case17
 *
 * What is generated (the whole NetworkPolicy v1 spec, minus the points listed in EXCLUDED):
 * - 2-4 namespaces with random labels (an unlabelled one sometimes has no Namespace object);
 * - 3-8 endpoints: Pods (status.podIP set) and workloads of every kind (Deployment, StatefulSet,
 *   DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) with random labels and container
 *   ports (numbered and named, TCP/UDP/SCTP);
 * - 1-5 NetworkPolicies: empty and non-empty pod selectors, matchLabels and matchExpressions
 *   (In/NotIn/Exists/DoesNotExist), namespaceSelector alone / podSelector alone / both (AND) / several
 *   peers (OR), IPv4 ipBlock with and without except, ports absent / empty / numbered / named /
 *   endPort ranges / protocol only / `{}`, every protocol, policyTypes explicit or defaulted, absent /
 *   empty ingress and egress lists, rules with no peers and no ports (`{}`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";

/** Points deliberately left out of generation, with the reason (also in docs/crosscheck.md). */
export const EXCLUDED: readonly string[] = [
  "IPv6 ipBlocks: netpol-analyzer v1.4.4 reads an IPv6 CIDR as the IPv4 range of its first four bytes (2001:db8::/32 becomes 32.1.13.184), so no IPv6 comparison is meaningful.",
  "Named ports in egress rules that can reach an address (a rule with an ipBlock peer, or with no/empty `to`): netpol-analyzer aborts the whole analysis ('cannot convert named port for an IP destination').",
  "Label values and names that YAML 1.1 reads as booleans or numbers (y, no, on, 1e3 ...): the reference's Go YAML decoder rejects the document. The vocabulary below avoids them.",
];

// ---------------------------------------------------------------------------------------------
// PRNG: cyrb128 string hash -> sfc32. Small, fast, and identical on every platform.

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 15; i++) this.next();
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)] as T; }
  /** `k` distinct items (or all of them when k >= length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(k, copy.length));
  }
  /** Pick by weight: `[[w, value], ...]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of choices) { if ((r -= w) < 0) return v; }
    return (choices[choices.length - 1] as readonly [number, T])[1];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Everything here is a plain string in both YAML 1.1 and 1.2.

const NAMESPACE_NAMES = ["alpha", "beta", "gamma", "delta", "prod", "staging"] as const;
const NAMESPACE_LABELS: Record<string, readonly string[]> = {
  team: ["red", "blue", "green"],
  env: ["prod", "dev", "stage"],
  "example.com/zone": ["east", "west"],
};
const POD_LABELS: Record<string, readonly string[]> = {
  app: ["web", "api", "db", "cache"],
  role: ["frontend", "backend", "monitor"],
  version: ["v1", "v2"],
  "example.com/tier": ["gold", "silver"],
};
/** Port numbers used by containers and policies: a small pool, so that policies and containers meet. */
const PORT_POOL = [53, 80, 443, 3306, 5000, 5432, 6379, 8080, 8443, 9090] as const;
const PORT_NAMES = ["http", "https", "dns", "metrics", "db", "grpc", "admin"] as const;
const PROTOCOL_WEIGHTS: readonly (readonly [number, "TCP" | "UDP" | "SCTP"])[] = [[5, "TCP"], [3, "UDP"], [2, "SCTP"]];
/** IPv4 CIDRs for ipBlocks. Some contain the pod network (10.244.0.0/16), on purpose. */
const CIDR_POOL = ["0.0.0.0/0", "10.0.0.0/8", "10.244.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "192.168.1.0/24", "203.0.113.0/24", "8.8.8.8/32", "1.2.3.0/24", "100.64.0.0/10"] as const;
const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"] as const;

// ---------------------------------------------------------------------------------------------

export type K8sObject = Record<string, unknown>;

export interface CaseOptions {
  /** Probability that an endpoint is a bare Pod rather than a workload. @default 0.5 */
  podRatio?: number;
}

export interface GeneratedCase {
  seed: string;
  index: number;
  /** Every object, in the order written: namespaces, endpoints, policies. */
  objects: K8sObject[];
}

/** The PRNG seed string of case `index` of run `seed`. */
export function caseSeed(seed: string, index: number): string { return `${seed}/${index}`; }

function ipToString(n: number): string { return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."); }
function ipFromString(s: string): number { return s.split(".").reduce((a, o) => a * 256 + Number(o), 0); }

function labelsFrom(rng: Rng, vocab: Record<string, readonly string[]>, min: number, max: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of rng.sample(Object.keys(vocab), rng.int(min, max))) out[key] = rng.pick(vocab[key] as readonly string[]);
  return out;
}

function selector(rng: Rng, vocab: Record<string, readonly string[]>): K8sObject {
  const shape = rng.weighted<"empty" | "labels" | "exprs" | "both">([[25, "empty"], [35, "labels"], [30, "exprs"], [10, "both"]]);
  const sel: K8sObject = {};
  if (shape === "labels" || shape === "both") sel.matchLabels = labelsFrom(rng, vocab, 1, 2);
  if (shape === "exprs" || shape === "both") {
    const exprs: K8sObject[] = [];
    for (const key of rng.sample(Object.keys(vocab), rng.int(1, 2))) {
      const values = vocab[key] as readonly string[];
      const operator = rng.pick(["In", "NotIn", "Exists", "DoesNotExist"] as const);
      const expr: K8sObject = { key, operator };
      if (operator === "In" || operator === "NotIn") expr.values = rng.sample(values, rng.int(1, 2));
      exprs.push(expr);
    }
    sel.matchExpressions = exprs;
  }
  return sel;
}

function containerPorts(rng: Rng): K8sObject[] {
  const ports: K8sObject[] = [];
  const names = rng.sample(PORT_NAMES, 3);
  const seen = new Set<string>();
  const n = rng.weighted([[2, 0], [4, 1], [3, 2], [2, 3]]);
  for (let i = 0; i < n; i++) {
    const containerPort = rng.chance(0.85) ? rng.pick(PORT_POOL) : rng.int(1, 65535);
    const protocol = rng.weighted(PROTOCOL_WEIGHTS);
    const key = `${containerPort}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const port: K8sObject = { containerPort };
    if (rng.chance(0.7)) port.name = names[i];
    if (protocol !== "TCP" || rng.chance(0.3)) port.protocol = protocol;
    ports.push(port);
  }
  return ports;
}

function podSpec(rng: Rng, restartNever: boolean): K8sObject {
  const containers: K8sObject[] = [];
  const n = rng.weighted([[4, 1], [1, 2]]);
  for (let i = 0; i < n; i++) {
    const c: K8sObject = { name: `c${i}`, image: "registry.k8s.io/pause:3.9" };
    const ports = containerPorts(rng);
    if (ports.length > 0) c.ports = ports;
    containers.push(c);
  }
  // Port names must be unique across the pod's containers (Kubernetes validation).
  const names = new Set<string>();
  for (const c of containers) {
    for (const p of (c.ports as K8sObject[] | undefined) ?? []) {
      if (typeof p.name === "string") { if (names.has(p.name)) delete p.name; else names.add(p.name); }
    }
  }
  const spec: K8sObject = { containers };
  if (restartNever) spec.restartPolicy = "Never";
  return spec;
}

function ipBlock(rng: Rng): K8sObject {
  const cidr = rng.pick(CIDR_POOL);
  const [addr = "0.0.0.0", lenText = "0"] = cidr.split("/");
  const len = Number(lenText);
  const base = ipFromString(addr);
  const block: K8sObject = { cidr };
  if (len < 32 && rng.chance(0.5)) {
    const except = new Set<string>();
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const sub = rng.int(len + 1, Math.min(32, len + 12));
      const hostBits = 32 - len;
      const offset = Math.floor(rng.next() * 2 ** hostBits);
      const mask = sub === 0 ? 0 : 2 ** 32 - 2 ** (32 - sub);
      const net = ((base + offset) & mask) >>> 0;
      except.add(`${ipToString(net)}/${sub}`);
    }
    block.except = [...except];
  }
  return block;
}

function peer(rng: Rng, namespaces: readonly string[], allowIpBlock: boolean): K8sObject {
  const nsVocab: Record<string, readonly string[]> = { ...NAMESPACE_LABELS, "kubernetes.io/metadata.name": namespaces };
  const kind = rng.weighted<"pod" | "ns" | "both" | "ip">([[30, "pod"], [25, "ns"], [20, "both"], [allowIpBlock ? 25 : 0, "ip"]]);
  switch (kind) {
    case "pod": return { podSelector: selector(rng, POD_LABELS) };
    case "ns": return { namespaceSelector: selector(rng, nsVocab) };
    case "both": return { namespaceSelector: selector(rng, nsVocab), podSelector: selector(rng, POD_LABELS) };
    case "ip": return { ipBlock: ipBlock(rng) };
  }
}

function policyPort(rng: Rng, allowNamed: boolean): K8sObject {
  const shape = rng.weighted<"empty" | "proto" | "number" | "range" | "wide" | "named">([
    [5, "empty"], [10, "proto"], [35, "number"], [15, "range"], [5, "wide"], [allowNamed ? 30 : 0, "named"],
  ]);
  const port: K8sObject = {};
  const proto = rng.weighted(PROTOCOL_WEIGHTS);
  switch (shape) {
    case "empty": return port;
    case "proto": port.protocol = proto; return port;
    case "number": port.port = rng.chance(0.9) ? rng.pick(PORT_POOL) : rng.int(1, 65535); break;
    case "range": {
      const p = rng.pick(PORT_POOL);
      port.port = p;
      port.endPort = Math.min(65535, p + rng.pick([0, 1, 5, 10, 100, 1000]));
      break;
    }
    case "wide": {
      const [lo, hi] = rng.pick([[1, 1024], [1024, 65535], [1, 65535], [5000, 9000]] as const);
      port.port = lo; port.endPort = hi;
      break;
    }
    case "named": port.port = rng.pick(PORT_NAMES); break;
  }
  if (proto !== "TCP" || rng.chance(0.3)) port.protocol = proto;
  return port;
}

function rule(rng: Rng, direction: "ingress" | "egress", namespaces: readonly string[]): K8sObject {
  const peersKey = direction === "ingress" ? "from" : "to";
  const out: K8sObject = {};
  const peerShape = rng.weighted<"absent" | "empty" | "some">([[20, "absent"], [5, "empty"], [75, "some"]]);
  const peers: K8sObject[] = [];
  if (peerShape === "empty") out[peersKey] = [];
  if (peerShape === "some") {
    const n = rng.weighted([[6, 1], [3, 2], [1, 3]]);
    for (let i = 0; i < n; i++) peers.push(peer(rng, namespaces, true));
    out[peersKey] = peers;
  }
  // EXCLUDED: named ports in egress rules that can reach addresses (the reference aborts).
  const canReachAddresses = peers.length === 0 || peers.some((p) => p.ipBlock !== undefined);
  const allowNamed = direction === "ingress" || !canReachAddresses;
  const portShape = rng.weighted<"absent" | "empty" | "some">([[30, "absent"], [5, "empty"], [65, "some"]]);
  if (portShape === "empty") out.ports = [];
  if (portShape === "some") {
    const ports: K8sObject[] = [];
    const n = rng.weighted([[5, 1], [3, 2], [2, 3]]);
    for (let i = 0; i < n; i++) ports.push(policyPort(rng, allowNamed));
    out.ports = ports;
  }
  return out;
}

function rules(rng: Rng, direction: "ingress" | "egress", namespaces: readonly string[]): K8sObject[] | undefined {
  const shape = rng.weighted<"absent" | "empty" | "some">([[20, "absent"], [10, "empty"], [70, "some"]]);
  if (shape === "absent") return undefined;
  if (shape === "empty") return [];
  const n = rng.weighted([[5, 1], [3, 2], [2, 3]]);
  const out: K8sObject[] = [];
  for (let i = 0; i < n; i++) out.push(rule(rng, direction, namespaces));
  return out;
}

function workload(kind: (typeof WORKLOAD_KINDS)[number], name: string, namespace: string, labels: Record<string, string>, rng: Rng): K8sObject {
  const restartNever = kind === "Job" || kind === "CronJob";
  const template = { metadata: { labels }, spec: podSpec(rng, restartNever) };
  const metadata = { name, namespace };
  switch (kind) {
    case "Deployment":
    case "ReplicaSet":
      return { apiVersion: "apps/v1", kind, metadata, spec: { replicas: rng.int(1, 3), selector: { matchLabels: labels }, template } };
    case "StatefulSet":
      return { apiVersion: "apps/v1", kind, metadata, spec: { replicas: rng.int(1, 3), serviceName: name, selector: { matchLabels: labels }, template } };
    case "DaemonSet":
      return { apiVersion: "apps/v1", kind, metadata, spec: { selector: { matchLabels: labels }, template } };
    case "ReplicationController":
      return { apiVersion: "v1", kind, metadata, spec: { replicas: rng.int(1, 3), selector: labels, template } };
    case "Job":
      return { apiVersion: "batch/v1", kind, metadata, spec: { template } };
    case "CronJob":
      return { apiVersion: "batch/v1", kind, metadata, spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template } } } };
  }
}

/** Generate case `index` of run `seed`. */
export function generateCase(seed: string, index: number, options: CaseOptions = {}): GeneratedCase {
  const rng = new Rng(caseSeed(seed, index));
  const podRatio = options.podRatio ?? 0.5;
  const objects: K8sObject[] = [];

  const namespaces = rng.sample(NAMESPACE_NAMES, rng.int(2, 4));
  namespaces.forEach((name) => {
    const labels = labelsFrom(rng, NAMESPACE_LABELS, 0, 2);
    // Sometimes spell out the label the API server adds anyway.
    if (rng.chance(0.2)) labels["kubernetes.io/metadata.name"] = name;
    const metadata: K8sObject = { name };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    // Sometimes leave an unlabelled namespace implicit (no Namespace object): both analysers then
    // give it only the kubernetes.io/metadata.name label.
    else if (rng.chance(0.3)) return;
    objects.push({ apiVersion: "v1", kind: "Namespace", metadata });
  });

  const endpointCount = rng.int(3, 8);
  for (let i = 0; i < endpointCount; i++) {
    const namespace = rng.pick(namespaces);
    const nsIndex = NAMESPACE_NAMES.indexOf(namespace as (typeof NAMESPACE_NAMES)[number]);
    if (rng.chance(podRatio)) {
      const name = `pod-${i}`;
      const metadata: K8sObject = { name, namespace };
      const labels = labelsFrom(rng, POD_LABELS, 0, 3);
      if (Object.keys(labels).length > 0) metadata.labels = labels;
      objects.push({
        apiVersion: "v1", kind: "Pod", metadata, spec: podSpec(rng, false),
        status: { phase: "Running", podIP: `10.244.${nsIndex + 1}.${10 + i}` },
      });
    } else {
      const kind = rng.pick(WORKLOAD_KINDS);
      const name = `${kind.toLowerCase()}-${i}`;
      const labels = labelsFrom(rng, POD_LABELS, 1, 3);
      objects.push(workload(kind, name, namespace, labels, rng));
    }
  }

  const policyCount = rng.weighted([[2, 1], [3, 2], [3, 3], [2, 4], [1, 5]]);
  for (let i = 0; i < policyCount; i++) {
    const namespace = rng.pick(namespaces);
    const spec: K8sObject = { podSelector: selector(rng, POD_LABELS) };
    const types = rng.weighted<readonly string[] | undefined>([[30, undefined], [25, ["Ingress"]], [20, ["Egress"]], [25, ["Ingress", "Egress"]]]);
    if (types !== undefined) spec.policyTypes = [...types];
    const ingress = rules(rng, "ingress", namespaces);
    const egress = rules(rng, "egress", namespaces);
    if (ingress !== undefined) spec.ingress = ingress;
    if (egress !== undefined) spec.egress = egress;
    objects.push({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: `policy-${i}`, namespace }, spec });
  }
  return { seed, index, objects };
}

/** YAML text of a list of objects, one document each. */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
}

/** Write the objects as a folder of YAML files (namespaces.yaml, endpoints.yaml, policies.yaml). */
export function writeCase(objects: readonly K8sObject[], dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.endsWith(".yaml")) fs.rmSync(path.join(dir, f));
  const groups: Record<string, K8sObject[]> = { "namespaces.yaml": [], "endpoints.yaml": [], "policies.yaml": [] };
  for (const o of objects) {
    const file = o.kind === "Namespace" ? "namespaces.yaml" : o.kind === "NetworkPolicy" ? "policies.yaml" : "endpoints.yaml";
    (groups[file] as K8sObject[]).push(o);
  }
  for (const [file, objs] of Object.entries(groups)) if (objs.length > 0) fs.writeFileSync(path.join(dir, file), toYaml(objs));
}

// ---------------------------------------------------------------------------------------------

function main(argv: string[]): number {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith("--")) { process.stderr.write(`unexpected argument ${a}\n`); return 2; }
    args.set(a.slice(2), argv[i + 1] ?? "");
    i++;
  }
  const seed = args.get("seed") ?? "1";
  const out = args.get("out");
  if (out === undefined || out === "") {
    process.stderr.write("usage: generate.ts --seed S (--cases N | --case I) --out DIR\n");
    return 2;
  }
  if (args.has("case")) {
    const index = Number(args.get("case"));
    writeCase(generateCase(seed, index).objects, out);
    process.stdout.write(`${out}\n`);
    return 0;
  }
  const n = Number(args.get("cases") ?? "10");
  for (let i = 0; i < n; i++) writeCase(generateCase(seed, i).objects, path.join(out, `case-${String(i).padStart(4, "0")}`));
  process.stdout.write(`wrote ${n} cases under ${out}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
