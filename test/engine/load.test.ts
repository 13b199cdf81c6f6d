/** Loading and normalisation: kinds, workloads, namespaces, defaults, files and folders. */
import { expect } from "chai";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidInputError, loadCluster, parseManifestText, readManifests } from "../../engine";
import { clusterOf } from "./helpers";

const POD = (ns: string, name: string, extra = ""): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\n${extra}---\n`;

describe("loadCluster", () => {
  it("adds kubernetes.io/metadata.name to declared namespaces (overriding a wrong value) and creates referenced ones implicitly", () => {
    const cluster = clusterOf(
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n  labels:\n    team: a\n    kubernetes.io/metadata.name: wrong\n---\n" +
        POD("web", "a") +
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: other\nspec: {}\n",
    );
    expect([...cluster.namespaces]).to.deep.equal([
      ["other", { "kubernetes.io/metadata.name": "other" }],
      ["web", { team: "a", "kubernetes.io/metadata.name": "web" }],
    ]);
    expect(cluster.implicitNamespaces).to.deep.equal(["other"]);
  });

  it("reads every workload kind as one endpoint named after the workload, with its template's labels and ports", () => {
    const template = "    metadata:\n      labels:\n        tier: KIND\n    spec:\n      containers:\n      - name: c\n        ports:\n        - containerPort: 8080\n          name: http\n";
    const kinds = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"];
    const yaml =
      kinds.map((kind) => `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}\n  namespace: w\nspec:\n  template:\n${template.replace("KIND", kind)}---\n`).join("") +
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cron\n  namespace: w\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n${template.replace("KIND", "CronJob").replace(/^/gm, "    ")}`;
    const cluster = clusterOf(yaml);
    expect(cluster.endpoints.map((e) => [e.id, e.kind, e.labels["tier"]])).to.deep.equal([
      ["w/cron", "CronJob", "CronJob"],
      ["w/daemonset", "DaemonSet", "DaemonSet"],
      ["w/deployment", "Deployment", "Deployment"],
      ["w/job", "Job", "Job"],
      ["w/replicaset", "ReplicaSet", "ReplicaSet"],
      ["w/replicationcontroller", "ReplicationController", "ReplicationController"],
      ["w/statefulset", "StatefulSet", "StatefulSet"],
    ]);
    expect(cluster.endpoint("w/deployment")?.ports).to.deep.equal([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(cluster.endpoint("w/deployment")?.ips).to.deep.equal([]);
  });

  it("reads pod IPs from status.podIP and status.podIPs without duplicates, and ports of init containers", () => {
    const cluster = clusterOf(
      POD(
        "n",
        "a",
        "spec:\n  initContainers:\n  - name: sidecar\n    ports:\n    - containerPort: 9090\n      protocol: SCTP\n  containers:\n  - name: c\n    ports:\n    - containerPort: 53\n      protocol: UDP\n      name: dns\nstatus:\n  podIP: 10.1.0.1\n  podIPs:\n  - ip: 10.1.0.1\n  - ip: fd00::1\n",
      ),
    );
    const pod = cluster.endpoint("n/a");
    expect(pod?.ips).to.deep.equal(["10.1.0.1", "fd00::1"]);
    expect(pod?.ports).to.deep.equal([
      { port: 9090, protocol: "SCTP" },
      { name: "dns", port: 53, protocol: "UDP" },
    ]);
  });

  it("unwraps kind: List and counts ignored kinds", () => {
    const cluster = clusterOf(
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n    namespace: n\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n    namespace: n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: calico\n  namespace: n\n",
    );
    expect(cluster.endpoints.map((e) => e.id)).to.deep.equal(["n/a"]);
    expect([...cluster.ignored]).to.deep.equal([
      ["Service", 1],
      ["ConfigMap", 1],
      ["NetworkPolicy (projectcalico.org/v3)", 1],
    ]);
  });

  it("fills policyTypes: Ingress by default, plus Egress when spec.egress has rules (not for egress: [])", () => {
    const np = (name: string, spec: string): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: n\nspec:\n${spec}\n---\n`;
    const cluster = clusterOf(
      np("none", "  podSelector: {}") +
        np("egress-rules", "  egress:\n  - {}") +
        np("empty-egress", "  egress: []") +
        np("explicit", "  policyTypes: [Egress, Ingress]") +
        np("empty-types", "  policyTypes: []\n  egress:\n  - {}") +
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: no-spec\n  namespace: n\n",
    );
    expect(cluster.policies.map((p) => [p.name, p.policyTypes])).to.deep.equal([
      ["egress-rules", ["Ingress", "Egress"]],
      ["empty-egress", ["Ingress"]],
      ["empty-types", ["Ingress", "Egress"]],
      ["explicit", ["Ingress", "Egress"]],
      ["no-spec", ["Ingress"]],
      ["none", ["Ingress"]],
    ]);
  });

  it("normalises rules: absent, null and empty peers and ports all become empty lists; protocol defaults to TCP", () => {
    const cluster = clusterOf(
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: n\nspec:\n  podSelector:\n  ingress:\n  - from:\n    ports:\n  - from: []\n    ports: []\n  - {}\n  - from:\n    - podSelector: {}\n      namespaceSelector:\n        matchLabels:\n          a: b\n    - ipBlock:\n        cidr: 10.0.0.0/8\n    ports:\n    - port: http\n    - protocol: UDP\n    - port: 80\n      endPort: 90\n",
    );
    const policy = cluster.policy("n/p");
    expect(policy?.podSelector).to.deep.equal({ matchLabels: {}, matchExpressions: [] });
    expect(policy?.ingress).to.deep.equal([
      { peers: [], ports: [] },
      { peers: [], ports: [] },
      { peers: [], ports: [] },
      {
        peers: [
          { kind: "selector", podSelector: { matchLabels: {}, matchExpressions: [] }, namespaceSelector: { matchLabels: { a: "b" }, matchExpressions: [] } },
          { kind: "ipBlock", ipBlock: { cidr: "10.0.0.0/8", except: [] } },
        ],
        ports: [{ protocol: "TCP", port: "http" }, { protocol: "UDP" }, { protocol: "TCP", port: 80, endPort: 90 }],
      },
    ]);
  });
});

describe("parseManifestText and readManifests", () => {
  it("names documents source#N from 1 (a leading --- starts the first document), skipping empty documents", () => {
    const docs = parseManifestText("---\n# only a comment\n---\nkind: A\n---\n\n---\nkind: B\n", "f.yaml");
    expect(docs).to.deep.equal([
      { source: "f.yaml#2", object: { kind: "A" } },
      { source: "f.yaml#4", object: { kind: "B" } },
    ]);
  });

  it("reports a YAML syntax error naming the file and document", () => {
    expect(() => parseManifestText("kind: A\n---\nkind: [unclosed\n", "bad.yaml"))
      .to.throw(InvalidInputError)
      .with.property("source", "bad.yaml#2");
  });

  it("rejects duplicate keys", () => {
    expect(() => parseManifestText("kind: A\nkind: B\n", "dup.yaml")).to.throw(InvalidInputError, /^dup\.yaml#1: YAML parse error: Map keys must be unique/);
  });

  it("reads folders recursively (*.yaml, *.yml, *.json), sorted, and files in the order given", () => {
    const dir = mkdtempSync(join(tmpdir(), "reachability-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "b.yaml"), "kind: B\n");
    writeFileSync(join(dir, "a.yml"), "kind: A1\n---\nkind: A2\n");
    writeFileSync(join(dir, "sub", "c.json"), '{"kind": "C"}');
    writeFileSync(join(dir, "notes.txt"), "kind: ignored\n");
    const docs = readManifests([dir, join(dir, "b.yaml")]);
    expect(docs.map((d) => [d.source.slice(dir.length + 1), (d.object as { kind: string }).kind])).to.deep.equal([
      ["a.yml#1", "A1"],
      ["a.yml#2", "A2"],
      ["b.yaml#1", "B"],
      [join("sub", "c.json#1"), "C"],
      ["b.yaml#1", "B"],
    ]);
  });

  it("reports a missing path and an empty folder", () => {
    expect(() => readManifests(["/nonexistent/manifests"])).to.throw(InvalidInputError, /^\/nonexistent\/manifests: cannot read: ENOENT/);
    const empty = mkdtempSync(join(tmpdir(), "reachability-empty-"));
    expect(() => readManifests([empty])).to.throw(InvalidInputError, `${empty}: no *.yaml, *.yml or *.json file found`);
  });

  it("loadCluster accepts documents built in code", () => {
    const cluster = loadCluster([{ source: "code", object: { kind: "Pod", metadata: { name: "p", namespace: "n" } } }]);
    expect(cluster.endpoint("n/p")?.kind).to.equal("Pod");
  });
});
