/** Unit tests of the building blocks: port sets, selectors, IP/CIDR handling, value validators. */
import { expect } from "chai";
import {
  compileSelector,
  describeSelector,
  PortRanges,
  PortSet,
  validateCidr,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateIpAddress,
  validateLabelKey,
  validateLabelValue,
  validatePortName,
  validatePortNumber,
  validateProtocol,
  type LabelSelector,
} from "../../engine";
import { cidrContains, IpBlockMatcher, parseCidr, parseIp } from "../../engine/net/ip";

describe("PortRanges and PortSet", () => {
  it("merges overlapping and adjacent ranges on union", () => {
    expect(PortRanges.range(80, 90).union(PortRanges.range(91, 100)).union(PortRanges.range(10)).toString()).to.equal("10,80-100");
  });

  it("intersects and subtracts", () => {
    const a = PortRanges.range(1, 100);
    expect(a.intersect(PortRanges.range(50, 200)).toString()).to.equal("50-100");
    expect(a.subtract(PortRanges.range(10, 20)).toString()).to.equal("1-9,21-100");
    expect(PortRanges.ALL.subtract(PortRanges.ALL).isEmpty()).to.equal(true);
    expect(PortRanges.ALL.toString()).to.equal("all");
  });

  it("answers contains at interval bounds", () => {
    const r = PortRanges.range(80, 81).union(PortRanges.range(443));
    expect([79, 80, 81, 82, 443, 444].map((p) => r.contains(p))).to.deep.equal([false, true, true, false, true, false]);
  });

  it("keeps protocols apart", () => {
    const set = PortSet.of("UDP", PortRanges.range(53)).union(PortSet.of("TCP", PortRanges.range(80, 81)));
    expect(set.contains("UDP", 53)).to.equal(true);
    expect(set.contains("TCP", 53)).to.equal(false);
    expect(set.contains("SCTP", 80)).to.equal(false);
    expect(set.toString()).to.equal("TCP:80-81 UDP:53");
    expect(PortSet.all().subtract(set).intersect(set).isEmpty()).to.equal(true);
  });
});

describe("label selectors", () => {
  const sel = (s: Partial<LabelSelector>): LabelSelector => ({ matchLabels: {}, matchExpressions: [], ...s });
  const labels = { app: "web", tier: "front" };

  it("empty selector matches everything, including no labels", () => {
    expect(compileSelector(sel({}))({})).to.equal(true);
  });

  it("matchLabels and matchExpressions are ANDed", () => {
    const s = sel({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }] });
    expect(compileSelector(s)(labels)).to.equal(false);
    expect(compileSelector(s)({ app: "web", tier: "back" })).to.equal(true);
  });

  it("In, NotIn, Exists, DoesNotExist (NotIn and DoesNotExist match an absent key)", () => {
    const m = (operator: "In" | "NotIn" | "Exists" | "DoesNotExist", key: string, values: string[] = []) =>
      compileSelector(sel({ matchExpressions: [{ key, operator, values }] }))(labels);
    expect(m("In", "app", ["web", "api"])).to.equal(true);
    expect(m("In", "missing", ["web"])).to.equal(false);
    expect(m("NotIn", "app", ["web"])).to.equal(false);
    expect(m("NotIn", "missing", ["web"])).to.equal(true);
    expect(m("Exists", "tier")).to.equal(true);
    expect(m("Exists", "missing")).to.equal(false);
    expect(m("DoesNotExist", "missing")).to.equal(true);
    expect(m("DoesNotExist", "app")).to.equal(false);
  });

  it("does not mistake Object.prototype members for labels", () => {
    expect(compileSelector(sel({ matchExpressions: [{ key: "constructor", operator: "Exists", values: [] }] }))({})).to.equal(false);
  });

  it("describes selectors", () => {
    expect(describeSelector(sel({ matchLabels: { run: "nginx" }, matchExpressions: [{ key: "t", operator: "In", values: ["a", "b"] }] }))).to.equal("run=nginx, t in (a, b)");
    expect(describeSelector(sel({}))).to.equal("{}");
  });
});

describe("IP addresses and CIDRs", () => {
  it("parses strictly", () => {
    expect(parseIp("10.0.0.1")).to.deep.equal({ family: 4, value: 0x0a000001n });
    expect(parseIp("010.0.0.1")).to.equal(undefined);
    expect(parseIp("10.1")).to.equal(undefined);
    expect(parseIp("fe80::1%eth0")).to.equal(undefined);
    expect(parseIp("fd00::1")?.family).to.equal(6);
  });

  it("clears host bits and tests containment per family", () => {
    const cidr = parseCidr("10.0.0.77/24");
    expect(cidr).to.deep.equal({ family: 4, network: 0x0a000000n, prefix: 24 });
    if (cidr === undefined) return;
    expect(cidrContains(cidr, { family: 4, value: 0x0a0000ffn })).to.equal(true);
    expect(cidrContains(cidr, { family: 4, value: 0x0a000100n })).to.equal(false);
    const v6 = parseIp("::ffff:10.0.0.1");
    expect(v6 !== undefined && cidrContains(cidr, v6)).to.equal(false);
  });

  it("matches an ipBlock minus its exceptions; /0 matches everything of its family", () => {
    const block = IpBlockMatcher.of("0.0.0.0/0", ["10.0.0.0/8"]);
    const ip = (text: string) => parseIp(text) ?? { family: 4 as const, value: -1n };
    expect(block.matches(ip("8.8.8.8"))).to.equal(true);
    expect(block.matches(ip("10.2.3.4"))).to.equal(false);
    expect(block.matches(ip("2001:db8::1"))).to.equal(false);
    expect(IpBlockMatcher.of("::/0", []).matches(ip("2001:db8::1"))).to.equal(true);
  });
});

describe("Kubernetes value validators", () => {
  it("accept valid values (undefined) and describe invalid ones", () => {
    expect(validateDns1123Label("advanced-policy-demo")).to.equal(undefined);
    expect(validateDns1123Label("a".repeat(64))).to.match(/RFC 1123 label/);
    expect(validateDns1123Label("-a")).to.match(/RFC 1123 label/);
    expect(validateDns1123Subdomain("a.b-c.d")).to.equal(undefined);
    expect(validateDns1123Subdomain("a..b")).to.match(/RFC 1123 subdomain/);
    expect(validateLabelKey("app.kubernetes.io/name")).to.equal(undefined);
    expect(validateLabelKey("a/b/c")).to.match(/optional DNS subdomain prefix/);
    expect(validateLabelKey("/x")).to.match(/prefix before '\/' must be non-empty/);
    expect(validateLabelKey("x/")).to.match(/name part must be non-empty/);
    expect(validateLabelKey("a".repeat(64))).to.match(/at most 63/);
    expect(validateLabelValue("")).to.equal(undefined);
    expect(validateLabelValue("My_Value.1")).to.equal(undefined);
    expect(validateLabelValue("x-")).to.match(/invalid label value/);
    expect(validatePortNumber(1)).to.equal(undefined);
    expect(validatePortNumber(65535)).to.equal(undefined);
    expect(validatePortNumber(1.5)).to.equal("must be between 1 and 65535, inclusive, got 1.5");
    expect(validatePortName("serve-80-tcp")).to.equal(undefined);
    expect(validatePortName("a--b")).to.equal(`invalid port name "a--b": must not contain consecutive '-'`);
    expect(validatePortName("-ab")).to.equal(`invalid port name "-ab": must not begin or end with '-'`);
    expect(validatePortName("HTTP")).to.equal(`invalid port name "HTTP": must contain only a-z, 0-9 and '-'`);
    expect(validateProtocol("SCTP")).to.equal(undefined);
    expect(validateProtocol("ICMP")).to.equal(`unsupported value "ICMP": must be one of TCP, UDP, SCTP`);
    expect(validateCidr("fd00::/64")).to.equal(undefined);
    expect(validateCidr("fd00::1")).to.equal(`invalid CIDR "fd00::1": the prefix length is missing (did you mean fd00::1/128?)`);
    expect(validateCidr("10.0.0.0/+8")).to.match(/invalid CIDR/);
    expect(validateIpAddress("2001:db8::1")).to.equal(undefined);
    expect(validateIpAddress("10.0.0.0/8")).to.match(/invalid IP address/);
  });
});
