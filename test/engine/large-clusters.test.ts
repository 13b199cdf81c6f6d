/**
 * Large clusters: the fast all-pairs path (matrix) agrees with evaluate() at the sizes the benchmark
 * measures. No timing is asserted here: `npm run bench` measures and prints the figures.
 */
import { expect } from "chai";
import { Analyzer, loadCluster, type ManifestDocument, type Peer } from "../../engine";

function pod(ns: string, name: string, labels: Record<string, string>, ip: string, ports: object[] = [{ containerPort: 8080, name: "http" }]): ManifestDocument {
  return { source: "gen", object: { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: "c", ports }] }, status: { podIP: ip } } };
}

function policy(ns: string, name: string, spec: object): ManifestDocument {
  return { source: "gen", object: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec } };
}

describe("large clusters", function () {
  this.timeout(120000);

  it("all-pairs matrix of 1,000 pods on one port", () => {
    const docs: ManifestDocument[] = [];
    for (let n = 0; n < 20; n++) {
      const ns = `ns-${n}`;
      docs.push({ source: "gen", object: { kind: "Namespace", metadata: { name: ns, labels: { tier: n % 2 === 0 ? "front" : "back" } } } });
      for (let p = 0; p < 50; p++) docs.push(pod(ns, `p-${p}`, { app: `app-${p % 5}`, role: p % 3 === 0 ? "db" : "web" }, `10.${n}.0.${p + 1}`));
      docs.push(policy(ns, "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }));
      docs.push(policy(ns, "web", { podSelector: { matchLabels: { role: "web" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { tier: "front" } }, podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["app-1", "app-2"] }] } }], ports: [{ port: "http" }] }] }));
      docs.push(policy(ns, "egress", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 8000, endPort: 9000 }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }] }));
    }
    const cluster = loadCluster(docs);
    const peers: Peer[] = cluster.endpoints.map((e) => ({ endpoint: e.id }));
    expect(peers).to.have.length(1000);
    const analyzer = new Analyzer(cluster);
    const matrix = analyzer.matrix(peers, peers, 8080, "TCP");
    // Spot-check against evaluate().
    for (const [i, j] of [[0, 1], [10, 400], [999, 3], [500, 500], [77, 923]] as const) {
      expect(matrix[i]?.[j]).to.equal(analyzer.evaluate(peers[i] as Peer, peers[j] as Peer, 8080, "TCP").allowed);
    }
  });

  it("every pod of a 10,000-pod, 1,000-namespace, 5,000-policy cluster to kube-dns on UDP 53", () => {
    const docs: ManifestDocument[] = [{ source: "gen", object: { kind: "Namespace", metadata: { name: "kube-system" } } }];
    docs.push(pod("kube-system", "kube-dns", { "k8s-app": "kube-dns" }, "10.96.0.10", [{ containerPort: 53, protocol: "UDP", name: "dns" }, { containerPort: 53, name: "dns-tcp" }]));
    for (let n = 0; n < 1000; n++) {
      const ns = `team-${n}`;
      docs.push({ source: "gen", object: { kind: "Namespace", metadata: { name: ns, labels: { team: `t${n % 50}` } } } });
      for (let p = 0; p < 10; p++) docs.push(pod(ns, `p-${p}`, { app: `a${p}` }, `10.${Math.floor(n / 250)}.${n % 250}.${p + 1}`));
      docs.push(policy(ns, "deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }));
      docs.push(policy(ns, "allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] }] }));
      docs.push(policy(ns, "same-ns", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }));
      docs.push(policy(ns, "team", { podSelector: { matchLabels: { app: "a1" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${n % 50}` } } }], ports: [{ port: 8080 }] }] }));
      docs.push(policy(ns, "egress-web", { podSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["a0"] }] }, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443 }] }] }));
    }
    const cluster = loadCluster(docs);
    expect(cluster.endpoints).to.have.length(10001);
    expect(cluster.policies).to.have.length(5000);
    const analyzer = new Analyzer(cluster);
    const sources: Peer[] = cluster.endpoints.filter((e) => e.namespace !== "kube-system").map((e) => ({ endpoint: e.id }));
    const dns: Peer[] = [{ endpoint: "kube-system/kube-dns" }];
    const matrix = analyzer.matrix(sources, dns, 53, "UDP");
    const verdicts = sources.map((s) => analyzer.evaluate(s, dns[0] as Peer, 53, "UDP"));
    expect(matrix.every((row) => row[0] === true)).to.equal(true);
    expect(verdicts.every((v) => v.allowed && v.egress.allowedBy[0]?.policy.endsWith("/allow-dns") === true)).to.equal(true);
  });
});
