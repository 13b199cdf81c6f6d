/**
 * Calico's advanced-policy tutorial, stage by stage (test/fixtures/engine/tutorial/stage-N), asserting
 * its "Verify access" results at the flow level: access -> nginx:80, access -> kube-dns:53/UDP and
 * access -> the internet (google.com, 216.58.195.78):80.
 */
import { expect } from "chai";
import { join } from "node:path";
import { analyzeFlows, Analyzer, loadCluster, readManifests, type Flow } from "../../engine";

const FIXTURES = join(__dirname, "..", "fixtures", "engine", "tutorial");
const INTERNET = "216.58.195.78";
const ACCESS = "advanced-policy-demo/access";
const NGINX = "advanced-policy-demo/nginx";
const DNS = "kube-system/kube-dns";

const stage = (n: number) => loadCluster(readManifests([join(FIXTURES, `stage-${n}`)]));

interface Expected {
  readonly nginx: boolean;
  readonly dns: boolean;
  readonly internet: boolean;
}

const EXPECTED: Record<number, Expected> = {
  1: { nginx: true, dns: true, internet: true }, // no policy
  2: { nginx: false, dns: true, internet: true }, // ingress denied, egress open
  3: { nginx: true, dns: true, internet: true }, // access-nginx allows the namespace's pods
  4: { nginx: false, dns: false, internet: false }, // all egress denied
  5: { nginx: false, dns: true, internet: false }, // only DNS egress
  6: { nginx: true, dns: true, internet: false }, // DNS and nginx egress
};

function flow(flows: readonly Flow[], to: string, port: number, protocol: string): Flow {
  const found = flows.find((f) => f.from === ACCESS && f.to === to && f.port === port && f.protocol === protocol);
  if (found === undefined) throw new Error(`no flow ${ACCESS} -> ${to} ${port}/${protocol}`);
  return found;
}

describe("the tutorial's Verify access results", () => {
  for (const [n, expected] of Object.entries(EXPECTED)) {
    it(`stage ${n}: nginx ${expected.nginx ? "allowed" : "denied"}, DNS ${expected.dns ? "allowed" : "denied"}, internet ${expected.internet ? "allowed" : "denied"}`, () => {
      const flows = analyzeFlows(stage(Number(n)), { toAddresses: [INTERNET] });
      expect(flow(flows, NGINX, 80, "TCP").allowed).to.equal(expected.nginx);
      expect(flow(flows, DNS, 53, "UDP").allowed).to.equal(expected.dns);
      expect(flow(flows, INTERNET, 80, "TCP").allowed).to.equal(expected.internet);
    });
  }

  it("stage 1 loads the cluster: the Deployment is one endpoint, the Service is ignored, kube-system keeps its name label", () => {
    const cluster = stage(1);
    expect(cluster.endpoints.map((e) => `${e.kind} ${e.id}`)).to.deep.equal(["Pod advanced-policy-demo/access", "Deployment advanced-policy-demo/nginx", "Pod kube-system/kube-dns"]);
    expect(cluster.ignored.get("Service")).to.equal(1);
    expect(cluster.namespaceLabels("kube-system")).to.deep.equal({ "kubernetes.io/metadata.name": "kube-system" });
    expect(cluster.policies).to.have.length(0);
  });

  it("stage 2 explains the denial with default-deny-ingress", () => {
    const verdict = new Analyzer(stage(2)).evaluate({ endpoint: ACCESS }, { endpoint: NGINX }, 80, "TCP");
    expect(verdict.reasons).to.deep.equal([
      "egress from advanced-policy-demo/access allowed: no NetworkPolicy selects advanced-policy-demo/access for egress, so it is not isolated",
      "ingress to advanced-policy-demo/nginx denied: isolated by advanced-policy-demo/default-deny-ingress, no rule matches",
    ]);
  });

  it("stage 3 names access-nginx rule 0 as the allowing rule", () => {
    const verdict = new Analyzer(stage(3)).evaluate({ endpoint: ACCESS }, { endpoint: NGINX }, 80, "TCP");
    expect(verdict.ingress).to.deep.equal({
      direction: "ingress",
      applies: true,
      isolated: true,
      allowed: true,
      isolatedBy: ["advanced-policy-demo/access-nginx", "advanced-policy-demo/default-deny-ingress"],
      allowedBy: [{ policy: "advanced-policy-demo/access-nginx", rule: 0 }],
    });
  });

  it("stage 5 allows DNS over UDP only (the tutorial's rule names UDP 53), and says why the internet is denied", () => {
    const analyzer = new Analyzer(stage(5));
    const udp = analyzer.evaluate({ endpoint: ACCESS }, { endpoint: DNS }, 53, "UDP");
    expect(udp.egress.allowedBy).to.deep.equal([{ policy: "advanced-policy-demo/allow-dns-access", rule: 0 }]);
    expect(analyzer.evaluate({ endpoint: ACCESS }, { endpoint: DNS }, 53, "TCP").allowed).to.equal(false);
    const internet = analyzer.evaluate({ endpoint: ACCESS }, { address: INTERNET }, 80, "TCP");
    expect(internet.ingress.applies).to.equal(false);
    expect(internet.reasons).to.deep.equal([
      "egress from advanced-policy-demo/access denied: isolated by advanced-policy-demo/allow-dns-access, advanced-policy-demo/default-deny-egress, no rule matches",
      "ingress to 216.58.195.78 not checked: it is an address outside the cluster, NetworkPolicy only applies to pods",
    ]);
  });

  it("stage 5 without the kube-system name label denies DNS (the tutorial labels the namespace first)", () => {
    const docs = readManifests([join(FIXTURES, "stage-4", "cluster.yaml"), join(FIXTURES, "stage-5", "policies.yaml")]);
    const verdict = new Analyzer(loadCluster(docs)).evaluate({ endpoint: ACCESS }, { endpoint: DNS }, 53, "UDP");
    expect(verdict.allowed).to.equal(false);
  });

  it("stage 6 allows access -> nginx through both directions", () => {
    const verdict = new Analyzer(stage(6)).evaluate({ endpoint: ACCESS }, { endpoint: NGINX }, 80, "TCP");
    expect(verdict.reasons).to.deep.equal([
      "egress from advanced-policy-demo/access allowed by NetworkPolicy advanced-policy-demo/allow-egress-to-advance-policy-ns rule 0",
      "ingress to advanced-policy-demo/nginx allowed by NetworkPolicy advanced-policy-demo/access-nginx rule 0",
    ]);
  });
});
