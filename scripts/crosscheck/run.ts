/**
 * Differential cross-check of the reachability engine against np-guard's netpol-analyzer
 * (`netpolicy list`), on seeded random clusters. See docs/crosscheck.md.
 *
 *   npx tsx scripts/crosscheck/run.ts [--cases 1000] [--seed 1] [--jobs N] [--case I]
 *                                     [--out DIR] [--no-shrink] [--netpolicy PATH] [--verbose]
 *                                     [--mutate NAME]   (self-test of the harness, see MUTATIONS)
 *
 * For every case: generate it (generate.ts), write it as a folder of YAML, run the reference on the
 * folder (child process, `--jobs` at a time) and the engine in-process on the same files
 * (readManifests -> loadCluster -> Analyzer.matrix), then compare, for every probe port and protocol
 * (probes.ts), every ordered pair of distinct endpoints, every endpoint to every probe address and
 * every probe address to every endpoint.
 *
 * Disagreements are grouped by category. A disagreement is "explained" when it is one of the
 * documented implementation-defined points (docs/crosscheck.md); anything else is unexplained, and
 * the first example of each unexplained category is shrunk (objects, rules, peers, ports, labels
 * removed while the same disagreement persists) and written out as a minimal YAML folder.
 *
 * Exit status: 0 when every disagreement is explained, 1 otherwise, 2 on usage or setup errors.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Analyzer, loadCluster, parseManifestText, readManifests, type Peer } from "../../engine";
import { EXCLUDED, generateCase, toYaml, writeCase, type K8sObject } from "./generate";
import { addressProbes, endpointsOf, podIpInsideIpBlock, portProbes } from "./probes";
import {
  connAllows, ensureNetpolicy, numberToIpv4, NETPOLICY_VERSION, PROTOCOLS, runNetpolicy,
  type Protocol, type ReferenceResult,
} from "./reference";

type PairKind = "endpoint->endpoint" | "endpoint->address" | "address->endpoint";

interface Options {
  cases: number;
  seed: string;
  only?: number;
  jobs: number;
  out: string;
  shrink: boolean;
  netpolicy?: string;
  verbose: boolean;
  /** Self-test: feed the engine a deliberately altered copy of each case (see MUTATIONS). */
  mutate?: string;
}

interface FlowRef {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

interface Disagreement extends FlowRef {
  caseIndex: number;
  kind: PairKind;
  engine: boolean;
  reference: boolean;
  size: number;
  category: string;
  explained?: string;
}

interface CaseOutcome {
  index: number;
  flows: Record<PairKind, number>;
  /** Of those, how many the reference allows (to show the mix is not trivially all-allow or all-deny). */
  allowed: Record<PairKind, number>;
  disagreements: Disagreement[];
  /** Pairs (ordered, distinct) the reference reported that the engine does not know, or vice versa. */
  endpointMismatch?: string;
  engineError?: string;
  referenceError?: string;
  referenceWarnings: number;
  /** Disagreeing flows on which re-runs of the reference did not all give the same answer. */
  unstableFlows: number;
  /** Over those flows: reference runs, and runs whose answer equals the engine's. */
  unstableRuns: number;
  unstableRunsAgreeing: number;
  refMs: number;
  engineMs: number;
}

const EXPLANATIONS = {
  podIpInIpBlock:
    "pod IP inside an ipBlock: the engine matches a pod's status.podIP against ipBlock CIDRs; netpol-analyzer applies ipBlocks to addresses outside the cluster only. Kubernetes leaves this implementation-defined; confirmed by re-running the engine on the same case with the pod IPs removed, which then agrees with the reference.",
  referenceUnstable:
    "netpol-analyzer is nondeterministic here: re-running it on the same folder gives different port sets for the same pair (e.g. 'TCP 1-1024,8080' on most runs, 'TCP 1-8080' on some: ranges from different policies are merged wrongly, in map-iteration order), and the engine's answer is one of the reference's answers. A bug in netpol-analyzer v1.4.4 (see docs/crosscheck.md for a 2-policy reproduction).",
} as const;

/** How many extra times the reference is run on a case where it disagrees with the engine. */
const REFERENCE_RERUNS = 6;

function usage(): never {
  process.stderr.write("usage: run.ts [--cases N] [--seed S] [--case I] [--jobs N] [--out DIR] [--no-shrink] [--netpolicy PATH] [--mutate NAME] [--verbose]\n");
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { cases: 1000, seed: "1", jobs: Math.max(2, os.cpus().length), out: path.join(os.tmpdir(), "crosscheck"), shrink: true, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => { const v = argv[++i]; if (v === undefined) usage(); return v; };
    switch (a) {
      case "--cases": o.cases = Number(val()); break;
      case "--seed": o.seed = val(); break;
      case "--case": o.only = Number(val()); break;
      case "--jobs": o.jobs = Number(val()); break;
      case "--out": o.out = val(); break;
      case "--no-shrink": o.shrink = false; break;
      case "--netpolicy": o.netpolicy = val(); break;
      case "--verbose": o.verbose = true; break;
      case "--mutate": o.mutate = val(); if (!(o.mutate in MUTATIONS)) usage(); break;
      case "--help": case "-h": usage(); break;
      default: usage();
    }
  }
  if (!Number.isInteger(o.cases) || o.cases < 1 || !Number.isInteger(o.jobs) || o.jobs < 1) usage();
  if (o.only !== undefined && (!Number.isInteger(o.only) || o.only < 0)) usage();
  return o;
}

// ---------------------------------------------------------------------------------------------
// Self-test: plausible engine bugs, simulated by altering what the engine reads (the reference
// still reads the real case). Each must be caught as unexplained disagreements; if one is not,
// the generator or the probes are too weak. `--mutate NAME`.

function mapPolicies(objects: readonly K8sObject[], f: (spec: K8sObject) => void): K8sObject[] {
  const copy = structuredClone(objects) as K8sObject[];
  for (const o of copy) if (o.kind === "NetworkPolicy") f(o.spec as K8sObject);
  return copy;
}
function eachRule(spec: K8sObject, f: (rule: K8sObject, dir: "ingress" | "egress") => void): void {
  for (const dir of ["ingress", "egress"] as const) for (const r of (spec[dir] as K8sObject[] | undefined) ?? []) f(r, dir);
}
function eachPeer(spec: K8sObject, f: (peer: K8sObject) => void): void {
  eachRule(spec, (r, dir) => { for (const p of (r[dir === "ingress" ? "from" : "to"] as K8sObject[] | undefined) ?? []) f(p); });
}
function eachSelector(spec: K8sObject, f: (sel: K8sObject) => void): void {
  f(spec.podSelector as K8sObject);
  eachPeer(spec, (p) => { for (const k of ["podSelector", "namespaceSelector"]) if (p[k]) f(p[k] as K8sObject); });
}

export const MUTATIONS: Record<string, (objects: readonly K8sObject[]) => K8sObject[]> = {
  /** ipBlock.except ignored. */
  "ignore-except": (objs) => mapPolicies(objs, (s) => eachPeer(s, (p) => { if (p.ipBlock) delete (p.ipBlock as K8sObject).except; })),
  /** endPort ignored (only `port` allowed). */
  "ignore-endport": (objs) => mapPolicies(objs, (s) => eachRule(s, (r) => { for (const p of (r.ports as K8sObject[] | undefined) ?? []) delete p.endPort; })),
  /** NotIn evaluated as In. */
  "notin-as-in": (objs) => mapPolicies(objs, (s) => eachSelector(s, (sel) => { for (const e of (sel.matchExpressions as K8sObject[] | undefined) ?? []) if (e.operator === "NotIn") e.operator = "In"; })),
  /** namespaceSelector + podSelector in one peer treated as OR (two peers). */
  "and-as-or": (objs) => mapPolicies(objs, (s) => eachRule(s, (r, dir) => {
    const key = dir === "ingress" ? "from" : "to";
    const peers = r[key] as K8sObject[] | undefined;
    if (peers) r[key] = peers.flatMap((p) => (p.podSelector && p.namespaceSelector ? [{ podSelector: p.podSelector }, { namespaceSelector: p.namespaceSelector }] : [p]));
  })),
  /** Defaulted policyTypes include Egress whenever the `egress` key is present, even as `[]`. */
  "egress-key-defaults-egress": (objs) => mapPolicies(objs, (s) => { if (s.policyTypes === undefined && Array.isArray(s.egress) && s.egress.length === 0) s.policyTypes = ["Ingress", "Egress"]; }),
  /** Named ports matched by name only, whatever the protocol. */
  "named-port-any-protocol": (objs) => {
    const names = new Map<string, string>();
    for (const o of objs) JSON.stringify(o, (k, v: unknown) => { if (k === "ports" && Array.isArray(v)) for (const p of v as K8sObject[]) if (typeof p.name === "string") names.set(p.name, (p.protocol as string | undefined) ?? "TCP"); return v; });
    return mapPolicies(objs, (s) => eachRule(s, (r) => { for (const p of (r.ports as K8sObject[] | undefined) ?? []) if (typeof p.port === "string" && names.has(p.port)) p.protocol = names.get(p.port); }));
  },
};

// ---------------------------------------------------------------------------------------------
// Engine side.

function analyzerFromFiles(dir: string): Analyzer {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => path.join(dir, f));
  return new Analyzer(loadCluster(readManifests(files)));
}

function analyzerFromObjects(objects: readonly K8sObject[]): Analyzer {
  return new Analyzer(loadCluster(parseManifestText(toYaml(objects), "case.yaml")));
}

function withoutPodIps(objects: readonly K8sObject[]): K8sObject[] {
  return objects.map((o) => {
    if (o.kind !== "Pod" || o.status === undefined) return o;
    const copy = { ...o };
    delete copy.status;
    return copy;
  });
}

function peerOf(s: string): Peer { return /^\d+\.\d+\.\d+\.\d+$/.test(s) ? { address: s } : { endpoint: s }; }

function engineAllows(analyzer: Analyzer, flow: FlowRef): boolean {
  return analyzer.evaluate(peerOf(flow.from), peerOf(flow.to), flow.port, flow.protocol).allowed;
}

function referenceAllows(ref: ReferenceResult, flow: FlowRef): boolean {
  const fromIsAddr = /^\d+\.\d+\.\d+\.\d+$/.test(flow.from);
  const toIsAddr = /^\d+\.\d+\.\d+\.\d+$/.test(flow.to);
  const ip = (s: string): number => s.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  if (fromIsAddr) return connAllows(ref.fromAddress(flow.to, ip(flow.from)), flow.protocol, flow.port);
  if (toIsAddr) return connAllows(ref.toAddress(flow.from, ip(flow.to)), flow.protocol, flow.port);
  return connAllows(ref.pair(flow.from, flow.to), flow.protocol, flow.port);
}

function describeSide(analyzer: Analyzer, flow: FlowRef): string {
  const v = analyzer.evaluate(peerOf(flow.from), peerOf(flow.to), flow.port, flow.protocol);
  const side = (d: { applies: boolean; isolated: boolean; allowed: boolean }): string =>
    !d.applies ? "n/a" : !d.isolated ? "open" : d.allowed ? "allowed" : "denied";
  return `engine egress ${side(v.egress)}, ingress ${side(v.ingress)}`;
}

// ---------------------------------------------------------------------------------------------
// One case.

async function runCase(bin: string, seed: string, index: number, workDir: string, mutate?: (o: readonly K8sObject[]) => K8sObject[]): Promise<CaseOutcome> {
  const { objects } = generateCase(seed, index);
  const dir = path.join(workDir, `case-${index}`);
  writeCase(objects, dir);
  const outcome: CaseOutcome = {
    index, flows: { "endpoint->endpoint": 0, "endpoint->address": 0, "address->endpoint": 0 },
    allowed: { "endpoint->endpoint": 0, "endpoint->address": 0, "address->endpoint": 0 },
    disagreements: [], referenceWarnings: 0, unstableFlows: 0, unstableRuns: 0, unstableRunsAgreeing: 0, refMs: 0, engineMs: 0,
  };
  const refPromise = runNetpolicy(bin, dir);

  const t0 = performance.now();
  let analyzer: Analyzer | undefined;
  try {
    analyzer = mutate ? analyzerFromObjects(mutate(objects)) : analyzerFromFiles(dir);
  } catch (e) {
    outcome.engineError = e instanceof Error ? e.message : String(e);
  }
  const endpoints = endpointsOf(objects);
  const ports = portProbes(objects);
  const addresses = addressProbes(objects).map(numberToIpv4);
  const E: Peer[] = endpoints.map((e) => ({ endpoint: e.id }));
  const A: Peer[] = addresses.map((a) => ({ address: a }));
  const engineAnswers: { protocol: Protocol; port: number; ee: boolean[][]; ea: boolean[][]; ae: boolean[][] }[] = [];
  if (analyzer) {
    try {
      for (const protocol of PROTOCOLS) {
        for (const port of ports) {
          engineAnswers.push({
            protocol, port,
            ee: analyzer.matrix(E, E, port, protocol),
            ea: analyzer.matrix(E, A, port, protocol),
            ae: analyzer.matrix(A, E, port, protocol),
          });
        }
      }
    } catch (e) {
      outcome.engineError = `matrix: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  outcome.engineMs = performance.now() - t0;

  const ref = await refPromise;
  outcome.refMs = ref.ms;
  outcome.referenceWarnings = ref.stderr.split("\n").filter((l) => l.trim() !== "").length;
  if (!ref.ok || !ref.result) {
    outcome.referenceError = ref.stderr.trim().split("\n").slice(-3).join(" | ");
    return outcome;
  }
  if (outcome.engineError !== undefined) return outcome;
  const result = ref.result;

  const known = new Set(endpoints.map((e) => e.id));
  const unknown = [...result.endpoints.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0) outcome.endpointMismatch = `reference reports endpoints the case does not define: ${unknown.join(", ")}`;

  const size = objects.length;
  let needsIpCheck: boolean | undefined;
  let variant: Analyzer | null | undefined;
  const record = (flow: FlowRef, kind: PairKind, engine: boolean, reference: boolean): void => {
    const d: Disagreement = { ...flow, caseIndex: index, kind, engine, reference, size, category: "" };
    // Explained: pod IPs matched by ipBlocks (engine) vs not (reference).
    if (kind === "endpoint->endpoint") {
      needsIpCheck ??= podIpInsideIpBlock(objects);
      if (needsIpCheck) {
        if (variant === undefined) {
          try { variant = analyzerFromObjects(withoutPodIps(mutate ? mutate(objects) : objects)); } catch { variant = null; }
        }
        if (variant && engineAllows(variant, flow) === reference) d.explained = EXPLANATIONS.podIpInIpBlock;
      }
    }
    d.category = d.explained !== undefined
      ? `${kind}: pod IP inside an ipBlock (engine ${engine ? "allows" : "denies"})`
      : `${kind}: engine ${engine ? "allows" : "denies"}, reference ${reference ? "allows" : "denies"} (${describeSide(analyzer as Analyzer, flow)})`;
    outcome.disagreements.push(d);
  };

  compareCase(outcome, endpoints, addresses, E, A, result, engineAnswers, record);
  await recheckUnstable();
  return outcome;

  /** Re-run the reference on cases with unexplained disagreements: is its answer stable? */
  async function recheckUnstable(): Promise<void> {
    const open = outcome.disagreements.filter((d) => d.explained === undefined);
    if (open.length === 0) return;
    const reruns: ReferenceResult[] = [];
    for (let i = 0; i < REFERENCE_RERUNS; i++) {
      const again = await runNetpolicy(bin, dir);
      if (again.ok && again.result) reruns.push(again.result);
    }
    for (const d of open) {
      const answers = [d.reference, ...reruns.map((r) => referenceAllows(r, d))];
      const yes = answers.filter(Boolean).length;
      if (yes === 0 || yes === answers.length) continue; // stable: a real disagreement
      outcome.unstableFlows++;
      // The reference contradicts itself, so one of its answers is wrong; the engine gives one of them.
      d.explained = EXPLANATIONS.referenceUnstable;
      d.category = `${d.kind}: netpol-analyzer nondeterministic (engine ${d.engine ? "allows" : "denies"})`;
      outcome.unstableRuns += answers.length;
      outcome.unstableRunsAgreeing += answers.filter((a) => a === d.engine).length;
    }
  }
}

function compareCase(
  outcome: CaseOutcome, endpoints: ReturnType<typeof endpointsOf>, addresses: string[], E: Peer[], A: Peer[], result: ReferenceResult,
  engineAnswers: { protocol: Protocol; port: number; ee: boolean[][]; ea: boolean[][]; ae: boolean[][] }[],
  record: (flow: FlowRef, kind: PairKind, engine: boolean, reference: boolean) => void,
): void {
  for (const { protocol, port, ee, ea, ae } of engineAnswers) {
    for (let i = 0; i < E.length; i++) {
      const from = endpoints[i]!.id;
      for (let j = 0; j < E.length; j++) {
        if (i === j) continue; // pod-to-self: the reference never reports it (see docs)
        const to = endpoints[j]!.id;
        outcome.flows["endpoint->endpoint"]++;
        const e = ee[i]![j]!, r = connAllows(result.pair(from, to), protocol, port);
        if (r) outcome.allowed["endpoint->endpoint"]++;
        if (e !== r) record({ from, to, port, protocol }, "endpoint->endpoint", e, r);
      }
      for (let j = 0; j < A.length; j++) {
        outcome.flows["endpoint->address"]++;
        const ip = addresses[j]!;
        const e = ea[i]![j]!, r = connAllows(result.toAddress(from, ipNum(ip)), protocol, port);
        if (r) outcome.allowed["endpoint->address"]++;
        if (e !== r) record({ from, to: ip, port, protocol }, "endpoint->address", e, r);
      }
    }
    for (let i = 0; i < A.length; i++) {
      const ip = addresses[i]!;
      for (let j = 0; j < E.length; j++) {
        outcome.flows["address->endpoint"]++;
        const to = endpoints[j]!.id;
        const e = ae[i]![j]!, r = connAllows(result.fromAddress(to, ipNum(ip)), protocol, port);
        if (r) outcome.allowed["address->endpoint"]++;
        if (e !== r) record({ from: ip, to, port, protocol }, "address->endpoint", e, r);
      }
    }
  }
}

function ipNum(s: string): number { return s.split(".").reduce((a, o) => a * 256 + Number(o), 0); }

// ---------------------------------------------------------------------------------------------
// Shrinking: delete parts of the case while the same disagreement persists.

type PathSeg = string | number;

/** Keys that must stay for an object to remain a well-formed object of its kind. */
const KEEP_KEYS = new Set(["apiVersion", "kind", "metadata", "name", "namespace", "image", "containerPort", "template", "jobTemplate", "schedule", "serviceName", "cidr", "key", "operator", "containers", "podSelector"]);

function candidatePaths(objects: readonly K8sObject[], protectedIds: ReadonlySet<string>): PathSeg[][] {
  const out: PathSeg[][] = [];
  objects.forEach((o, i) => {
    const md = (o.metadata ?? {}) as K8sObject;
    const id = o.kind === "Namespace" ? `ns:${md.name as string}` : `${md.namespace as string}/${md.name as string}`;
    if (!protectedIds.has(id)) out.push([i]);
  });
  const visit = (value: unknown, p: PathSeg[], parentKey: string | undefined): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        // Keep at least one container; everything else in a list may go.
        if (!(parentKey === "containers" && value.length === 1)) out.push([...p, i]);
        visit(v, [...p, i], parentKey);
      });
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const isPolicyPodSelector = k === "podSelector" && p.length === 2 && p[1] === "spec";
        const isWorkloadSelector = k === "selector" && p.length === 2 && p[1] === "spec";
        if (!(KEEP_KEYS.has(k) && (k !== "podSelector" || isPolicyPodSelector)) && !isWorkloadSelector) out.push([...p, k]);
        visit(v, [...p, k], k);
      }
    }
  };
  objects.forEach((o, i) => visit(o, [i], undefined));
  return out;
}

function deletePath(objects: readonly K8sObject[], p: PathSeg[]): K8sObject[] {
  const copy = structuredClone(objects) as K8sObject[];
  if (p.length === 1) { copy.splice(p[0] as number, 1); return copy; }
  let cur: unknown = copy;
  for (const seg of p.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[seg];
  const last = p[p.length - 1] as PathSeg;
  if (Array.isArray(cur)) cur.splice(last as number, 1); else delete (cur as Record<string, unknown>)[last as string];
  return copy;
}

async function shrink(bin: string, d: Disagreement, seed: string, workDir: string, budgetMs: number, mutate?: (o: readonly K8sObject[]) => K8sObject[]): Promise<{ objects: K8sObject[]; steps: number }> {
  const engineView = mutate ?? ((o: readonly K8sObject[]): K8sObject[] => o.slice());
  let objects = generateCase(seed, d.caseIndex).objects;
  const dir = path.join(workDir, `shrink-${d.caseIndex}`);
  const flow: FlowRef = { from: d.from, to: d.to, port: d.port, protocol: d.protocol };
  const protectedIds = new Set<string>();
  for (const e of [d.from, d.to]) {
    if (e.includes("/")) { protectedIds.add(e); protectedIds.add(`ns:${e.split("/")[0] as string}`); }
  }
  const holds = async (candidate: K8sObject[]): Promise<boolean> => {
    let e: boolean;
    try { e = engineAllows(analyzerFromObjects(engineView(candidate)), flow); } catch { return false; }
    if (e !== d.engine) return false;
    writeCase(candidate, dir);
    const ref = await runNetpolicy(bin, dir);
    if (!ref.ok || !ref.result) return false;
    if (d.explained === undefined && d.kind === "endpoint->endpoint" && podIpInsideIpBlock(candidate)) {
      // Stay away from the explained category while shrinking an unexplained one.
      try { if (engineAllows(analyzerFromObjects(withoutPodIps(engineView(candidate))), flow) === d.reference) return false; } catch { return false; }
    }
    return referenceAllows(ref.result, flow) === d.reference;
  };
  const start = performance.now();
  let steps = 0;
  let progress = true;
  while (progress && performance.now() - start < budgetMs) {
    progress = false;
    // Try deepest-last order: whole objects first, then smaller parts.
    for (const p of candidatePaths(objects, protectedIds)) {
      if (performance.now() - start > budgetMs) break;
      const candidate = deletePath(objects, p);
      steps++;
      if (await holds(candidate)) { objects = candidate; progress = true; break; }
    }
  }
  return { objects, steps };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let bin: string;
  try { bin = ensureNetpolicy(opts.netpolicy); } catch (e) {
    process.stderr.write(`crosscheck: cannot build or find netpolicy: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const mutate = opts.mutate !== undefined ? MUTATIONS[opts.mutate] : undefined;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-"));
  const indices = opts.only !== undefined ? [opts.only] : Array.from({ length: opts.cases }, (_, i) => i);
  const started = performance.now();
  const outcomes: CaseOutcome[] = [];
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < indices.length) {
      const index = indices[next++]!;
      outcomes.push(await runCase(bin, opts.seed, index, workDir, mutate));
      fs.rmSync(path.join(workDir, `case-${index}`), { recursive: true, force: true });
      done++;
      if (process.stderr.isTTY && done % 25 === 0) process.stderr.write(`\r${done}/${indices.length} cases`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, indices.length) }, worker));
  if (process.stderr.isTTY) process.stderr.write("\r");
  outcomes.sort((a, b) => a.index - b.index);
  const elapsed = (performance.now() - started) / 1000;

  // Tally.
  const flows = { "endpoint->endpoint": 0, "endpoint->address": 0, "address->endpoint": 0 };
  const allowed = { "endpoint->endpoint": 0, "endpoint->address": 0, "address->endpoint": 0 };
  const categories = new Map<string, { count: number; cases: Set<number>; example: Disagreement; explained?: string }>();
  const engineErrors: CaseOutcome[] = [], referenceErrors: CaseOutcome[] = [], mismatches: CaseOutcome[] = [];
  let refMs = 0, engineMs = 0, warnings = 0, unstable = 0, unstableCases = 0, unstableRuns = 0, unstableAgree = 0;
  for (const o of outcomes) {
    for (const k of Object.keys(flows) as PairKind[]) { flows[k] += o.flows[k]; allowed[k] += o.allowed[k]; }
    refMs += o.refMs; engineMs += o.engineMs; warnings += o.referenceWarnings;
    unstable += o.unstableFlows; if (o.unstableFlows > 0) unstableCases++;
    unstableRuns += o.unstableRuns; unstableAgree += o.unstableRunsAgreeing;
    if (o.referenceError !== undefined) referenceErrors.push(o);
    else if (o.engineError !== undefined) engineErrors.push(o);
    if (o.endpointMismatch !== undefined) mismatches.push(o);
    for (const d of o.disagreements) {
      const c = categories.get(d.category);
      if (!c) { const entry = { count: 1, cases: new Set([d.caseIndex]), example: d, ...(d.explained !== undefined ? { explained: d.explained } : {}) }; categories.set(d.category, entry); continue; }
      c.count++; c.cases.add(d.caseIndex);
      // Smallest case wins, then the lowest port.
      if (d.size < c.example.size || (d.size === c.example.size && d.caseIndex === c.example.caseIndex && d.port < c.example.port)) c.example = d;
    }
  }
  const total = flows["endpoint->endpoint"] + flows["endpoint->address"] + flows["address->endpoint"];
  const all = [...categories.values()];
  const explained = all.filter((c) => c.explained !== undefined);
  const unexplained = all.filter((c) => c.explained === undefined);
  const sum = (cs: typeof all): number => cs.reduce((s, c) => s + c.count, 0);
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const compared = outcomes.length - referenceErrors.length - engineErrors.length;

  const lines: string[] = [];
  lines.push(`crosscheck: engine vs np-guard netpol-analyzer ${NETPOLICY_VERSION} (${bin})`);
  if (opts.mutate !== undefined) lines.push(`SELF-TEST: the engine reads every case through mutation '${opts.mutate}'; disagreements are expected`);
  lines.push(`seed ${opts.seed}, ${fmt(outcomes.length)} cases (${fmt(compared)} compared), ${elapsed.toFixed(1)} s wall (reference ${(refMs / 1000).toFixed(1)} s, engine ${(engineMs / 1000).toFixed(1)} s cumulative)`);
  lines.push(`flows compared: ${fmt(total)}  (endpoint->endpoint ${fmt(flows["endpoint->endpoint"])}, endpoint->address ${fmt(flows["endpoint->address"])}, address->endpoint ${fmt(flows["address->endpoint"])})`);
  const pct = (k: PairKind): string => `${((100 * allowed[k]) / Math.max(1, flows[k])).toFixed(0)}%`;
  lines.push(`reference allows: endpoint->endpoint ${pct("endpoint->endpoint")}, endpoint->address ${pct("endpoint->address")}, address->endpoint ${pct("address->endpoint")} of the flows compared`);
  lines.push(`agreements: ${fmt(total - sum(all))}`);
  lines.push(`explained differences: ${fmt(sum(explained))}`);
  for (const c of explained) {
    lines.push(`  - ${c.example.category}: ${fmt(c.count)} flows in ${fmt(c.cases.size)} cases`);
    lines.push(`      why: ${c.explained as string}`);
    lines.push(`      example: --seed ${opts.seed} --case ${c.example.caseIndex}: ${c.example.from} -> ${c.example.to} ${c.example.protocol}/${c.example.port}`);
  }
  lines.push(`unexplained disagreements: ${fmt(sum(unexplained))}`);
  for (const c of unexplained) {
    const d = c.example;
    lines.push(`  - ${d.category}: ${fmt(c.count)} flows in ${fmt(c.cases.size)} cases`);
    lines.push(`      example: --seed ${opts.seed} --case ${d.caseIndex}: ${d.from} -> ${d.to} ${d.protocol}/${d.port} (engine ${d.engine ? "allows" : "denies"}, reference ${d.reference ? "allows" : "denies"})`);
  }
  if (engineErrors.length > 0) {
    lines.push(`engine rejected ${engineErrors.length} cases (unexplained):`);
    for (const o of engineErrors.slice(0, 5)) lines.push(`  - --seed ${opts.seed} --case ${o.index}: ${o.engineError as string}`);
  }
  if (referenceErrors.length > 0) {
    lines.push(`reference failed on ${referenceErrors.length} cases (not compared):`);
    for (const o of referenceErrors.slice(0, 5)) lines.push(`  - --seed ${opts.seed} --case ${o.index}: ${o.referenceError as string}`);
  }
  if (mismatches.length > 0) {
    lines.push(`endpoint naming mismatches in ${mismatches.length} cases:`);
    for (const o of mismatches.slice(0, 5)) lines.push(`  - --seed ${opts.seed} --case ${o.index}: ${o.endpointMismatch as string}`);
  }
  lines.push(`reference re-run on disagreeing cases (${REFERENCE_RERUNS} extra runs each): unstable answers on ${fmt(unstable)} flows in ${fmt(unstableCases)} cases${unstableRuns > 0 ? `; on those flows ${fmt(unstableAgree)} of ${fmt(unstableRuns)} reference runs (${((100 * unstableAgree) / unstableRuns).toFixed(0)}%) give the engine's answer` : ""}`);
  lines.push(`not compared (by design): pod-to-self pairs (the reference never reports them); reference warnings seen: ${fmt(warnings)} (named ports absent on a destination; expected)`);
  lines.push("excluded from generation:");
  for (const x of EXCLUDED) lines.push(`  - ${x}`);
  process.stdout.write(`${lines.join("\n")}\n`);

  if (opts.shrink && unexplained.length > 0) {
    fs.mkdirSync(opts.out, { recursive: true });
    process.stdout.write(`\nminimal examples (shrunk; written under ${opts.out}):\n`);
    const budget = Math.max(10_000, Math.floor(120_000 / unexplained.length));
    for (const c of unexplained.slice(0, 8)) {
      const d = c.example;
      const { objects, steps } = await shrink(bin, d, opts.seed, workDir, budget, mutate);
      const slug = d.category.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 80);
      const target = path.join(opts.out, `minimal-${slug}`);
      writeCase(objects, target);
      const yamlText = toYaml(objects);
      fs.writeFileSync(path.join(target, "FLOW.txt"), `${d.from} -> ${d.to} ${d.protocol}/${d.port}: engine ${d.engine ? "allows" : "denies"}, reference ${d.reference ? "allows" : "denies"}\nfrom --seed ${opts.seed} --case ${d.caseIndex}, ${steps} shrink steps\n`);
      process.stdout.write(`\n# ${d.category}\n# flow ${d.from} -> ${d.to} ${d.protocol}/${d.port}: engine ${d.engine ? "allows" : "denies"}, reference ${d.reference ? "allows" : "denies"} (from --seed ${opts.seed} --case ${d.caseIndex}; ${target})\n${yamlText}`);
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  const failed = unexplained.length > 0 || engineErrors.length > 0 || referenceErrors.length > 0 || mismatches.length > 0;
  return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`crosscheck: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 2;
});
