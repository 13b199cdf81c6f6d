/**
 * Test helpers: the upstream e2e netpol model (namespaces x, y, z; pods a, b, c each serving 80 and
 * 81 on TCP, UDP and SCTP with named ports serve-80-tcp ...), and a truth table like upstream's
 * Reachability, checked against both Analyzer.evaluate and Analyzer.matrix.
 */
import { expect } from "chai";
import { Analyzer, loadCluster, parseManifestText, PROTOCOLS, type Cluster, type ManifestDocument, type Protocol } from "../../engine";

export const NAMESPACES = ["x", "y", "z"] as const;
export const PODS = ["a", "b", "c"] as const;
export const ALL_PODS: readonly string[] = NAMESPACES.flatMap((ns) => PODS.map((pod) => `${ns}/${pod}`));

/** The IPv4 address of a model pod: 10.0.<ns>.<pod>, e.g. x/a = 10.0.1.1, y/b = 10.0.2.2. */
export function ipv4(id: string): string {
  const [ns = "", pod = ""] = id.split("/");
  return `10.0.${(NAMESPACES as readonly string[]).indexOf(ns) + 1}.${(PODS as readonly string[]).indexOf(pod) + 1}`;
}

/** The IPv6 address of a model pod: fd00::<ns>:<pod>. */
export function ipv6(id: string): string {
  const [, , c, d] = ipv4(id).split(".");
  return `fd00::${c}:${d}`;
}

/** The e2e model's documents. */
export function modelDocuments(): ManifestDocument[] {
  const docs: ManifestDocument[] = [];
  for (const ns of NAMESPACES) {
    docs.push({ source: `model#${ns}`, object: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { ns } } } });
    for (const pod of PODS) {
      const id = `${ns}/${pod}`;
      const containers = [80, 81].flatMap((port) =>
        PROTOCOLS.map((protocol) => ({
          name: `cont-${port}-${protocol.toLowerCase()}`,
          image: "agnhost",
          ports: [{ containerPort: port, name: `serve-${port}-${protocol.toLowerCase()}`, protocol }],
        })),
      );
      docs.push({
        source: `model#${id}`,
        object: {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: pod, namespace: ns, labels: { pod } },
          spec: { containers },
          status: { podIP: ipv4(id), podIPs: [{ ip: ipv4(id) }, { ip: ipv6(id) }] },
        },
      });
    }
  }
  return docs;
}

/** The model plus the policies in `yaml` (several documents allowed). */
export function modelCluster(yaml: string): Cluster {
  return loadCluster([...modelDocuments(), ...parseManifestText(yaml, "case.yaml")]);
}

/** Loads a cluster from YAML text only. */
export function clusterOf(yaml: string): Cluster {
  return loadCluster(parseManifestText(yaml, "case.yaml"));
}

/** Selects pods of the model: by namespace, by pod name, or both; `{}` = every pod. */
export interface PodFilter {
  readonly ns?: string;
  readonly pod?: string;
}

const matches = (filter: PodFilter, id: string): boolean => {
  const [ns, pod] = id.split("/");
  return (filter.ns === undefined || filter.ns === ns) && (filter.pod === undefined || filter.pod === pod);
};

/** Expected connectivity between the model's pods, built like upstream's Reachability. */
export class Truth {
  private readonly table = new Map<string, boolean>();

  constructor(defaultAllowed: boolean) {
    for (const from of ALL_PODS) for (const to of ALL_PODS) this.table.set(`${from}>${to}`, defaultAllowed);
  }

  /** Sets the expectation for every pair matching the filters. */
  expect(from: PodFilter, to: PodFilter, allowed: boolean): this {
    for (const f of ALL_PODS) for (const t of ALL_PODS) if (matches(from, f) && matches(to, t)) this.table.set(`${f}>${t}`, allowed);
    return this;
  }

  get(from: string, to: string): boolean {
    return this.table.get(`${from}>${to}`) ?? false;
  }
}

/** Checks every model pair on port/protocol with evaluate() and matrix(); reports every mismatch at once. */
export function expectReachability(cluster: Cluster, port: number, protocol: Protocol, truth: Truth): void {
  const analyzer = new Analyzer(cluster);
  const peers = ALL_PODS.map((endpoint) => ({ endpoint }));
  const matrix = analyzer.matrix(peers, peers, port, protocol);
  const mismatches: string[] = [];
  ALL_PODS.forEach((from, i) =>
    ALL_PODS.forEach((to, j) => {
      const expected = truth.get(from, to);
      const verdict = analyzer.evaluate({ endpoint: from }, { endpoint: to }, port, protocol);
      if (verdict.allowed !== expected) mismatches.push(`evaluate ${from} -> ${to} ${port}/${protocol}: expected ${expected}, got ${verdict.allowed} (${verdict.reasons.join("; ")})`);
      if (matrix[i]?.[j] !== expected) mismatches.push(`matrix ${from} -> ${to} ${port}/${protocol}: expected ${expected}, got ${String(matrix[i]?.[j])}`);
    }),
  );
  expect(mismatches).to.deep.equal([]);
}
