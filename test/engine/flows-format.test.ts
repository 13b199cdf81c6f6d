/** analyzeFlows' port choices and the three formatters. */
import { expect } from "chai";
import { analyzeFlows, formatJson, formatMermaid, formatTable, InvalidInputError, type Flow } from "../../engine";
import { clusterOf } from "./helpers";

const CLUSTER = clusterOf(
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: n\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n    - containerPort: 53\n      protocol: UDP\n    - containerPort: 80\n---\n" +
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  namespace: n\n",
);

const keys = (flows: readonly Flow[]) => flows.map((f) => `${f.from}>${f.to} ${f.port}/${f.protocol}`);

describe("analyzeFlows", () => {
  it("uses each destination's declared ports (deduplicated, sorted) and, for addresses, every declared port", () => {
    expect(keys(analyzeFlows(CLUSTER, { toAddresses: ["192.0.2.1"] }))).to.deep.equal([
      "n/client>n/web 53/UDP",
      "n/client>n/web 80/TCP",
      "n/client>192.0.2.1 53/UDP",
      "n/client>192.0.2.1 80/TCP",
      "n/web>n/web 53/UDP",
      "n/web>n/web 80/TCP",
      "n/web>192.0.2.1 53/UDP",
      "n/web>192.0.2.1 80/TCP",
    ]);
  });

  it("filters declared ports by protocol when only protocols are given", () => {
    expect(keys(analyzeFlows(CLUSTER, { protocols: ["UDP"] }))).to.deep.equal(["n/client>n/web 53/UDP", "n/web>n/web 53/UDP"]);
  });

  it("checks given ports on every destination, TCP by default, and lists address-to-address flows as outside NetworkPolicy", () => {
    const flows = analyzeFlows(CLUSTER, { ports: [443], fromAddresses: ["198.51.100.7"], toAddresses: ["192.0.2.1"] });
    expect(keys(flows)).to.have.length(3 * 3);
    const outside = flows.find((f) => f.from === "198.51.100.7" && f.to === "192.0.2.1");
    expect(outside?.allowed).to.equal(true);
    expect(outside?.reasons).to.deep.equal(["198.51.100.7 to 192.0.2.1 is outside NetworkPolicy: neither side is a pod, so NetworkPolicy does not decide it"]);
  });

  it("rejects invalid options", () => {
    expect(() => analyzeFlows(CLUSTER, { ports: [0] })).to.throw(InvalidInputError, "ports[0]: must be between 1 and 65535, inclusive, got 0");
    expect(() => analyzeFlows(CLUSTER, { toAddresses: ["nope"] })).to.throw(InvalidInputError, /^toAddresses\[0\]: invalid IP address "nope"/);
  });
});

describe("formatters", () => {
  const flows: Flow[] = [
    { from: "a/x", to: "b/y", port: 80, protocol: "TCP", allowed: true, reasons: ["r1"] },
    { from: "a/x", to: "b/y", port: 53, protocol: "UDP", allowed: true, reasons: ["r2"] },
    { from: "a/x", to: "10.0.0.1", port: 80, protocol: "TCP", allowed: false, reasons: ["r3"] },
    { from: "fd00::9", to: "10.0.0.1", port: 80, protocol: "TCP", allowed: true, reasons: ["r4"] },
    { from: 'q/"odd"', to: "b/y", port: 80, protocol: "TCP", allowed: true, reasons: [] },
  ];

  it("json: the documented shape", () => {
    const parsed = JSON.parse(formatJson(flows.slice(0, 1))) as unknown;
    expect(parsed).to.deep.equal({ flows: [{ from: "a/x", to: "b/y", port: 80, protocol: "TCP", allowed: true, reasons: ["r1"] }] });
  });

  it("table: sorted port groups, marks for denied, not checked and outside NetworkPolicy", () => {
    const table = formatTable(flows);
    expect(table.split("\n").slice(0, 16)).to.deep.equal([
      "Destinations:",
      "  [1] b/y",
      "  [2] 10.0.0.1",
      "",
      "53/UDP:",
      "from \\ to  1  2",
      "a/x        ✓  ·",
      "fd00::9    ·  ·",
      'q/"odd"    ·  ·',
      "",
      "80/TCP:",
      "from \\ to  1  2",
      "a/x        ✓  ✗",
      "fd00::9    ·  -",
      'q/"odd"    ✓  ·',
      "",
    ]);
    expect(formatTable([])).to.match(/^No flows to show/);
  });

  it("mermaid: sanitised unique ids, quoted labels, one edge per pair with its ports, no address-to-address edge", () => {
    expect(formatMermaid(flows).split("\n")).to.deep.equal([
      "flowchart LR",
      '  n_a_x["a/x"]',
      '  n_b_y["b/y"]',
      '  n_10_0_0_1(["10.0.0.1"])',
      '  n_fd00__9(["fd00::9"])',
      '  n_q__odd_["q/#quot;odd#quot;"]',
      '  n_a_x -->|"80/TCP, 53/UDP"| n_b_y',
      '  n_q__odd_ -->|"80/TCP"| n_b_y',
      "",
    ]);
    const clash = formatMermaid([{ from: "a/b-c", to: "a/b_c", port: 1, protocol: "TCP", allowed: true, reasons: [] }]);
    expect(clash).to.contain('n_a_b_c["a/b-c"]').and.contain('n_a_b_c_2["a/b_c"]');
  });
});
