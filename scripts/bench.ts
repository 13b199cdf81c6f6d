/**
 * Benchmarks of the reachability engine on synthetic clusters (scripts/bench/clusters.ts).
 *
 *   npm run bench                      # full run (a few minutes at most)
 *   npx tsx scripts/bench.ts --quick   # smaller clusters, 3 runs, ~30 s
 *   options: --runs N (default 5) --no-reference --netpolicy PATH
 *            --reference-large  also time the reference on (a)'s 1,000-pod cluster (one run, ~1.5 min)
 *
 * (a) all-pairs matrix, 1,000 x 1,000 pods on TCP 8080 (Analyzer.matrix), target < 1 s;
 * (b) every pod of a 10,000-pod / 1,000-namespace / 5,000-policy cluster to kube-dns on UDP 53,
 *     target < 200 ms;
 * (c) parse (YAML text -> parseManifestText -> loadCluster) vs analysis (new Analyzer + sweep) on
 *     the same cluster, target analysis <= 3x parse;
 * (d) scaling of analysis with 1,250 / 2,500 / 5,000 / 10,000 policies (10 pods and 5 policies per
 *     namespace, so pods and namespaces grow too), target near-linear (ratio <= 2.5 per doubling);
 * (e) the reference analyser (np-guard netpol-analyzer `netpolicy list`) on the same YAML, timed
 *     against the engine doing comparable work.
 *
 * Every figure is the median of --runs runs; "peak RSS" is process.resourceUsage().maxRSS, the
 * process's high-water mark so far. Targets print PASS/MISS; timing never fails the process.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { Analyzer, loadCluster, parseManifestText, readManifests, type ManifestDocument, type Peer, type Protocol } from "../engine";
import { buildCluster, type K8sObject, type SyntheticCluster } from "./bench/clusters";
import { ensureNetpolicy, NETPOLICY_VERSION } from "./crosscheck/reference";

interface Options { quick: boolean; runs: number; reference: boolean; referenceLarge: boolean; netpolicy?: string }

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, runs: 5, reference: true, referenceLarge: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") { o.quick = true; o.runs = 3; }
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--no-reference") o.reference = false;
    else if (a === "--reference-large") o.referenceLarge = true;
    else if (a === "--netpolicy") { const v = argv[++i]; if (v !== undefined) o.netpolicy = v; }
    else { process.stderr.write("usage: bench.ts [--quick] [--runs N] [--no-reference] [--reference-large] [--netpolicy PATH]\n"); process.exit(2); }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) o.runs = 5;
  return o;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

/** Run `f` `runs` times (after one warm-up), return the median of each named timing. */
function bench(runs: number, f: () => Record<string, number>): Record<string, number> {
  f();
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) for (const [k, v] of Object.entries(f())) (samples[k] ??= []).push(v);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;
const peak = (): string => `peak RSS ${mib(process.resourceUsage().maxRSS)}`;
const verdict = (ok: boolean): string => (ok ? "PASS" : "MISS");
const fmt = (n: number): string => n.toLocaleString("en-US");

function docsOf(objects: readonly K8sObject[]): ManifestDocument[] {
  return objects.map((object, i) => ({ source: `bench.yaml#${i + 1}`, object }));
}

function yamlOf(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
}

function sweep(analyzer: Analyzer, c: SyntheticCluster): boolean[][] {
  return analyzer.matrix(c.pods.map((p): Peer => ({ endpoint: p })), [{ endpoint: c.dns }], 53, "UDP");
}

function count(m: boolean[][]): number { return m.reduce((s, row) => s + row.filter(Boolean).length, 0); }

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const q = opts.quick;
  const out = (s: string): void => { process.stdout.write(`${s}\n`); };
  out(`reachability engine benchmark${q ? " (--quick: smaller clusters)" : ""}: median of ${opts.runs} runs, Node ${process.version}, ${os.cpus().length} CPUs`);

  // (a) all-pairs matrix.
  const aShape = q ? { namespaces: 10, podsPerNamespace: 50 } : { namespaces: 20, podsPerNamespace: 50 };
  const A = buildCluster(aShape);
  const aCluster = loadCluster(docsOf(A.objects));
  const aPeers = A.pods.map((p): Peer => ({ endpoint: p }));
  let aAllowed = 0;
  const a = bench(opts.runs, () => {
    const [an, compile] = time(() => new Analyzer(aCluster));
    const [m, matrix] = time(() => an.matrix(aPeers, aPeers, 8080, "TCP"));
    aAllowed = count(m);
    return { compile, matrix, total: compile + matrix };
  });
  out("");
  out(`(a) all-pairs matrix: ${fmt(A.pods.length)} x ${fmt(A.pods.length)} pods on TCP 8080, ${aShape.namespaces} namespaces, ${A.policyCount} policies (${fmt(aAllowed)} flows allowed)`);
  out(`    new Analyzer ${ms(a.compile!)} + matrix ${ms(a.matrix!)} = ${ms(a.total!)}   target < 1 s (compile + matrix): ${verdict(a.total! < 1000)}   ${peak()}`);

  // (b) + (c) DNS sweep on the big cluster, and parse vs analysis.
  const bShape = q ? { namespaces: 250, podsPerNamespace: 10 } : { namespaces: 1000, podsPerNamespace: 10 };
  const B = buildCluster(bShape);
  const bYaml = yamlOf(B.objects);
  const bCluster = loadCluster(parseManifestText(bYaml, "bench.yaml"));
  let bAllowed = 0;
  const b = bench(opts.runs, () => {
    const [an, compile] = time(() => new Analyzer(bCluster));
    const [m, sweepMs] = time(() => sweep(an, B));
    bAllowed = count(m);
    return { compile, sweep: sweepMs, total: compile + sweepMs };
  });
  out("");
  out(`(b) DNS sweep: ${fmt(B.pods.length)} pods, ${fmt(bShape.namespaces)} namespaces, ${fmt(B.policyCount)} policies -> kube-system/coredns UDP 53 (${fmt(bAllowed)} allowed)`);
  out(`    sweep (Analyzer.matrix, n x 1) ${ms(b.sweep!)}   target < 200 ms: ${verdict(b.sweep! < 200)}`);
  out(`    including new Analyzer (compile ${ms(b.compile!)}): ${ms(b.total!)}   ${peak()}`);

  const c = bench(opts.runs, () => {
    const [docs, parse] = time(() => parseManifestText(bYaml, "bench.yaml"));
    const [, load] = time(() => loadCluster(docs));
    return { parse, load, total: parse + load };
  });
  out("");
  out(`(c) parse vs analysis on the same cluster (${(bYaml.length / 1048576).toFixed(1)} MiB of YAML, ${fmt(B.objects.length)} documents)`);
  out(`    parse: parseManifestText ${ms(c.parse!)} + loadCluster ${ms(c.load!)} = ${ms(c.total!)}`);
  out(`    analysis: new Analyzer + sweep ${ms(b.total!)} = ${(b.total! / c.total!).toFixed(2)}x parse   target <= 3x: ${verdict(b.total! <= 3 * c.total!)}   ${peak()}`);

  // (d) scaling.
  const sizes = q ? [1250, 2500, 5000] : [1250, 2500, 5000, 10000];
  const fixedNs = q ? 250 : 1000;
  const series = (title: string, shapeFor: (policies: number) => { namespaces: number; podsPerNamespace: number; totalPolicies?: number }): number => {
    out(title);
    let prev: number | undefined;
    let worst = 0;
    for (const policies of sizes) {
      const S = buildCluster(shapeFor(policies));
      const sCluster = loadCluster(docsOf(S.objects));
      const r = bench(opts.runs, () => {
        const [an, compile] = time(() => new Analyzer(sCluster));
        const [, sw] = time(() => sweep(an, S));
        return { compile, sweep: sw, total: compile + sw };
      });
      const ratio = prev === undefined ? undefined : r.total! / prev;
      if (ratio !== undefined) worst = Math.max(worst, ratio);
      out(`    ${fmt(S.policyCount - 1).padStart(6)} policies, ${fmt(S.pods.length).padStart(6)} pods: ${ms(r.total!).padStart(9)}  (compile ${ms(r.compile!)}, sweep ${ms(r.sweep!)})${ratio === undefined ? "" : `   x${ratio.toFixed(2)} per doubling`}`);
      prev = r.total!;
    }
    return worst;
  };
  out("");
  out("(d) scaling of analysis (new Analyzer + DNS sweep) with the number of policies");
  const worst = series(`  policies only: fixed ${fmt(fixedNs)} namespaces x 10 pods, policies spread over them`, (policies) => ({ namespaces: fixedNs, podsPerNamespace: 10, totalPolicies: policies }));
  out(`    worst ratio per doubling x${worst.toFixed(2)}   target near-linear (<= 2.5): ${verdict(worst <= 2.5)}   ${peak()}`);
  const worstAll = series("  whole cluster: 10 pods and 5 policies per namespace, so pods and namespaces double too", (policies) => ({ namespaces: policies / 5, podsPerNamespace: 10 }));
  out(`    worst ratio per doubling x${worstAll.toFixed(2)} (informational: namespaceSelectors are matched against every namespace, so this series also grows with namespaces x policies)   ${peak()}`);

  // (e) reference.
  out("");
  if (!opts.reference) { out("(e) reference: skipped (--no-reference)"); return; }
  let bin: string;
  try { bin = ensureNetpolicy(opts.netpolicy); } catch (e) {
    out(`(e) reference: skipped, cannot build netpolicy (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    return;
  }
  referenceComparison(bin, opts, out);
}

/**
 * The reference has no single-flow or single-port query: `netpolicy list` always computes the full
 * connection set (every protocol and port) of every pair, including address ranges. The engine's
 * closest equivalent is reading the same folder and computing the all-pairs matrix for every port at
 * which an answer can change (each policy / container port, its neighbours, 1 and 65535) on each
 * protocol, plus every pod to and from one address per ipBlock boundary.
 */
function referenceComparison(bin: string, opts: Options, out: (s: string) => void): void {
  const shapes: { namespaces: number; podsPerNamespace: number }[] = opts.quick
    ? [{ namespaces: 10, podsPerNamespace: 10 }, { namespaces: 20, podsPerNamespace: 10 }]
    : [{ namespaces: 10, podsPerNamespace: 10 }, { namespaces: 20, podsPerNamespace: 10 }, { namespaces: 40, podsPerNamespace: 10 }];
  if (opts.referenceLarge) shapes.push({ namespaces: 20, podsPerNamespace: 50 });
  out(`(e) reference: np-guard netpol-analyzer ${NETPOLICY_VERSION} \`netpolicy list --dirpath DIR -o json\` vs the engine on the same YAML folder`);
  out("    the reference always computes every pair's full connection set, so the engine does the same work: read + load + all-pairs matrix at every port where an answer may change, on TCP, UDP and SCTP, plus pods <-> one address per ipBlock boundary");
  out("    (sizes kept small: the reference's time grows quadratically or worse with pods; see docs/crosscheck.md)");
  for (const shape of shapes) {
    const C = buildCluster(shape);
    // The reference takes seconds to minutes here: fewer runs as the clusters grow.
    const refRuns = C.pods.length > 250 ? 1 : Math.max(1, Math.min(3, opts.runs));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ref-"));
    try {
      fs.writeFileSync(path.join(dir, "cluster.yaml"), yamlOf(C.objects));
      const refTimes: number[] = [];
      let failed: string | undefined;
      for (let i = 0; i < refRuns && failed === undefined; i++) {
        const t = performance.now();
        try {
          execFileSync(bin, ["list", "--dirpath", dir, "-o", "json", "-q"], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30, timeout: 300_000 });
        } catch (e) { failed = e instanceof Error ? e.message.split("\n")[0] : String(e); }
        refTimes.push(performance.now() - t);
      }
      const peers = [...C.pods, C.dns].map((p): Peer => ({ endpoint: p }));
      const ports = [1, 52, 53, 54, 79, 80, 81, 442, 443, 444, 5431, 5432, 5433, 7999, 8000, 8001, 8079, 8080, 8081, 8099, 8100, 8101, 9089, 9090, 9091, 65535];
      const addrs: Peer[] = ["0.0.0.0", "9.255.255.255", "10.0.0.0", "10.95.255.255", "10.96.0.0", "10.111.255.255", "10.112.0.0", "10.255.255.255", "11.0.0.0", "255.255.255.255"].map((address) => ({ address }));
      const e = bench(refRuns, () => {
        const [, total] = time(() => {
          const an = new Analyzer(loadCluster(readManifests([path.join(dir, "cluster.yaml")])));
          for (const protocol of ["TCP", "UDP", "SCTP"] as Protocol[]) {
            for (const port of ports) {
              an.matrix(peers, peers, port, protocol);
              an.matrix(peers, addrs, port, protocol);
              an.matrix(addrs, peers, port, protocol);
            }
          }
        });
        return { total };
      });
      const ref = median(refTimes);
      out(`    ${fmt(peers.length).padStart(4)} pods, ${fmt(C.policyCount).padStart(3)} policies: reference ${failed ? `FAILED (${failed})` : ms(ref).padStart(9)}, engine ${ms(e.total!).padStart(9)}   reference/engine x${(ref / e.total!).toFixed(1)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  out(`    ${peak()}`);
}

main();
