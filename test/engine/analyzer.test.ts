/** Analyzer behaviour beyond the e2e truth tables: addresses, verdict shapes, named ports to addresses, errors. */
import { expect } from "chai";
import { Analyzer, InvalidInputError, type Peer } from "../../engine";
import { clusterOf, ipv4, modelCluster } from "./helpers";

const NP = (ns: string, name: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec.replace(/^/gm, "  ")}\n---\n`;

describe("Analyzer", () => {
  it("an address-to-address flow is outside NetworkPolicy", () => {
    const verdict = new Analyzer(modelCluster(NP("x", "deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]"))).evaluate({ address: "1.1.1.1" }, { address: "2001:db8::1" }, 80, "TCP");
    expect(verdict.allowed).to.equal(true);
    expect(verdict.egress.applies).to.equal(false);
    expect(verdict.ingress.applies).to.equal(false);
    expect(verdict.reasons).to.deep.equal(["1.1.1.1 to 2001:db8::1 is outside NetworkPolicy: neither side is a pod, so NetworkPolicy does not decide it"]);
  });

  it("ingress from an address: selectors never match it, ipBlock and empty from do", () => {
    const cluster = modelCluster(
      NP("x", "sel", "podSelector:\n  matchLabels:\n    pod: a\ningress:\n- from:\n  - namespaceSelector: {}") +
        NP("x", "block", "podSelector:\n  matchLabels:\n    pod: b\ningress:\n- from:\n  - ipBlock:\n      cidr: 192.168.0.0/16\n      except: [192.168.1.0/24]") +
        NP("x", "any", "podSelector:\n  matchLabels:\n    pod: c\ningress:\n- from: []\n  ports:\n  - port: 80"),
    );
    const a = new Analyzer(cluster);
    const from = (address: string, to: string) => a.evaluate({ address }, { endpoint: to }, 80, "TCP");
    expect(from("192.168.0.1", "x/a").allowed).to.equal(false);
    expect(from("192.168.0.1", "x/b").allowed).to.equal(true);
    expect(from("192.168.1.1", "x/b").allowed).to.equal(false);
    expect(from("8.8.8.8", "x/c").allowed).to.equal(true);
    const verdict = from("192.168.0.1", "x/b");
    expect(verdict.egress).to.deep.equal({ direction: "egress", applies: false, isolated: false, allowed: true, isolatedBy: [], allowedBy: [] });
    expect(verdict.reasons[0]).to.equal("egress from 192.168.0.1 not checked: it is an address outside the cluster, NetworkPolicy only applies to pods");
    expect(verdict.reasons[1]).to.equal("ingress to x/b allowed by NetworkPolicy x/block rule 0");
  });

  it("egress to an address: a named port never matches it, numeric ports and ranges do", () => {
    const cluster = modelCluster(NP("x", "out", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: serve-80-tcp\n- to:\n  - ipBlock:\n      cidr: 0.0.0.0/0\n  ports:\n  - port: 443\n    endPort: 444"));
    const a = new Analyzer(cluster);
    expect(a.evaluate({ endpoint: "x/a" }, { address: "8.8.8.8" }, 80, "TCP").allowed).to.equal(false);
    expect(a.evaluate({ endpoint: "x/a" }, { endpoint: "y/a" }, 80, "TCP").allowed).to.equal(true);
    expect(a.evaluate({ endpoint: "x/a" }, { address: "8.8.8.8" }, 444, "TCP").egress.allowedBy).to.deep.equal([{ policy: "x/out", rule: 1 }]);
    expect(a.evaluate({ endpoint: "x/a" }, { address: "2001:db8::1" }, 443, "TCP").allowed).to.equal(false);
  });

  it("ipBlock does not match workloads (their IPs are unknown)", () => {
    const cluster = clusterOf(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: n\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n---\n" +
        NP("n", "cidr-only", "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock:\n      cidr: 0.0.0.0/0"),
    );
    expect(new Analyzer(cluster).evaluate({ endpoint: "n/web" }, { endpoint: "n/web" }, 80, "TCP").allowed).to.equal(false);
    expect(new Analyzer(cluster).evaluate({ endpoint: "n/web" }, { address: "1.2.3.4" }, 80, "TCP").allowed).to.equal(true);
  });

  it("reports every allowing rule of every policy, and isolating policies sorted by id", () => {
    const cluster = modelCluster(NP("x", "b-two", "podSelector: {}\ningress:\n- {}\n- ports:\n  - port: 80") + NP("x", "a-one", "podSelector: {}\ningress:\n- from:\n  - podSelector: {}"));
    const verdict = new Analyzer(cluster).evaluate({ endpoint: "x/b" }, { endpoint: "x/a" }, 80, "TCP");
    expect(verdict.ingress.isolatedBy).to.deep.equal(["x/a-one", "x/b-two"]);
    expect(verdict.ingress.allowedBy).to.deep.equal([
      { policy: "x/a-one", rule: 0 },
      { policy: "x/b-two", rule: 0 },
      { policy: "x/b-two", rule: 1 },
    ]);
  });

  it("matrix() agrees with evaluate() for addresses on either side", () => {
    const cluster = modelCluster(
      NP("x", "mixed", `podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - ipBlock:\n      cidr: 172.16.0.0/12\n  - podSelector:\n      matchLabels:\n        pod: b\negress:\n- to:\n  - ipBlock:\n      cidr: ${ipv4("y/a")}/32\n  - ipBlock:\n      cidr: 8.8.8.0/24\n  ports:\n  - port: serve-80-tcp\n  - port: 53\n    protocol: UDP`),
    );
    const a = new Analyzer(cluster);
    const peers: Peer[] = [...["x/a", "x/b", "y/a", "y/b"].map((endpoint) => ({ endpoint })), { address: "172.16.3.4" }, { address: "8.8.8.8" }];
    for (const [port, protocol] of [[80, "TCP"], [53, "UDP"], [81, "TCP"]] as const) {
      const m = a.matrix(peers, peers, port, protocol);
      peers.forEach((f, i) => peers.forEach((t, j) => expect(m[i]?.[j], `${JSON.stringify(f)} -> ${JSON.stringify(t)} ${port}/${protocol}`).to.equal(a.evaluate(f, t, port, protocol).allowed)));
    }
    expect(a.evaluate({ endpoint: "x/a" }, { endpoint: "y/a" }, 80, "TCP").allowed).to.equal(true);
    expect(a.evaluate({ endpoint: "x/a" }, { address: "8.8.8.8" }, 80, "TCP").allowed).to.equal(false);
    expect(a.evaluate({ endpoint: "x/a" }, { address: "8.8.8.8" }, 53, "UDP").allowed).to.equal(true);
    expect(a.evaluate({ address: "172.16.3.4" }, { endpoint: "x/a" }, 81, "TCP").allowed).to.equal(true);
  });

  it("rejects unknown endpoints, invalid addresses, ports and protocols", () => {
    const a = new Analyzer(modelCluster(""));
    expect(() => a.evaluate({ endpoint: "x/zz" }, { endpoint: "x/a" }, 80, "TCP")).to.throw(InvalidInputError, 'unknown endpoint "x/zz": not a declared Pod or workload');
    expect(() => a.evaluate({ address: "10.0.0.0/8" }, { endpoint: "x/a" }, 80, "TCP")).to.throw(InvalidInputError, /invalid IP address "10.0.0.0\/8"/);
    expect(() => a.evaluate({ endpoint: "x/a" }, { endpoint: "x/a" }, 0, "TCP")).to.throw(InvalidInputError, "port: must be between 1 and 65535, inclusive, got 0");
    expect(() => a.matrix([], [], 80, "ICMP" as never)).to.throw(InvalidInputError, 'protocol: unsupported value "ICMP": must be one of TCP, UDP, SCTP');
  });
});
