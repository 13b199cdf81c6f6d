/** The CLI contract: spawns `node engine/bin/reachability.js`, and calls main() in-process for flag errors. */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../engine/cli";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "engine", "bin", "reachability.js");
const TUTORIAL = join("test", "fixtures", "engine", "tutorial");

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

interface JsonFlow {
  from: string;
  to: string;
  port: number;
  protocol: string;
  allowed: boolean;
  reasons: string[];
}

describe("reachability CLI", function () {
  this.timeout(60000);

  it("--format json prints every flow, in a deterministic order, and exits 0", () => {
    const result = run(["--manifests", join(TUTORIAL, "stage-6"), "--to", "216.58.195.78", "--format", "json"]);
    expect(result.stderr).to.equal("");
    expect(result.status).to.equal(0);
    const { flows } = JSON.parse(result.stdout) as { flows: JsonFlow[] };
    // 3 sources x (nginx 80/TCP + kube-dns 53/TCP, 53/UDP + the address: 53/TCP, 53/UDP, 80/TCP)
    expect(flows).to.have.length(3 * 6);
    expect(Object.keys(flows[0] ?? {})).to.deep.equal(["from", "to", "port", "protocol", "allowed", "reasons"]);
    const pick = (from: string, to: string, port: number, protocol: string) => flows.find((f) => f.from === from && f.to === to && f.port === port && f.protocol === protocol)?.allowed;
    expect(pick("advanced-policy-demo/access", "advanced-policy-demo/nginx", 80, "TCP")).to.equal(true);
    expect(pick("advanced-policy-demo/access", "kube-system/kube-dns", 53, "UDP")).to.equal(true);
    expect(pick("advanced-policy-demo/access", "216.58.195.78", 80, "TCP")).to.equal(false);
    expect(pick("advanced-policy-demo/nginx", "advanced-policy-demo/nginx", 80, "TCP")).to.equal(true);
    expect(flows.map((f) => `${f.from} ${f.to} ${f.port}/${f.protocol}`).slice(0, 4)).to.deep.equal([
      "advanced-policy-demo/access advanced-policy-demo/nginx 80/TCP",
      "advanced-policy-demo/access kube-system/kube-dns 53/TCP",
      "advanced-policy-demo/access kube-system/kube-dns 53/UDP",
      "advanced-policy-demo/access 216.58.195.78 53/TCP",
    ]);
  });

  it("--port and repeated --protocol check those on every destination, addresses as sources too", () => {
    const result = run(["--manifests", join(TUTORIAL, "stage-5"), "--port", "53", "--protocol", "UDP", "--protocol", "TCP", "--from", "203.0.113.9", "--format", "json"]);
    expect(result.status).to.equal(0);
    const { flows } = JSON.parse(result.stdout) as { flows: JsonFlow[] };
    expect(flows).to.have.length(4 * 3 * 2);
    const fromAddress = flows.filter((f) => f.from === "203.0.113.9");
    expect(fromAddress.map((f) => `${f.to} ${f.port}/${f.protocol} ${f.allowed}`)).to.deep.equal([
      "advanced-policy-demo/access 53/TCP false",
      "advanced-policy-demo/access 53/UDP false",
      "advanced-policy-demo/nginx 53/TCP false",
      "advanced-policy-demo/nginx 53/UDP false",
      "kube-system/kube-dns 53/TCP true",
      "kube-system/kube-dns 53/UDP true",
    ]);
  });

  it("--format table (the default) prints a matrix per port with a legend", () => {
    const result = run(["--manifests", join(TUTORIAL, "stage-2", "cluster.yaml"), "--manifests", join(TUTORIAL, "stage-2", "policies.yaml"), "--port", "80"]);
    expect(result.status).to.equal(0);
    expect(result.stdout).to.equal(
      [
        "Destinations:",
        "  [1] advanced-policy-demo/access",
        "  [2] advanced-policy-demo/nginx",
        "  [3] kube-system/kube-dns",
        "",
        "80/TCP:",
        "from \\ to                    1  2  3",
        "advanced-policy-demo/access  ✗  ✗  ✓",
        "advanced-policy-demo/nginx   ✗  ✗  ✓",
        "kube-system/kube-dns         ✗  ✗  ✓",
        "",
        "Legend: rows are sources, columns are destinations (numbered above); ✓ allowed, ✗ denied, · not checked (the destination does not use this port), - outside NetworkPolicy (address to address).",
        "",
      ].join("\n"),
    );
  });

  it("--format mermaid draws the allowed flows", () => {
    const result = run(["--manifests", join(TUTORIAL, "stage-5"), "--port", "53", "--protocol", "UDP", "--format", "mermaid"]);
    expect(result.status).to.equal(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).to.equal("flowchart LR");
    expect(lines).to.include('  n_advanced_policy_demo_access["advanced-policy-demo/access"]');
    expect(lines).to.include('  n_advanced_policy_demo_access -->|"53/UDP"| n_kube_system_kube_dns');
    expect(lines.filter((l) => l.includes("-->") && l.endsWith("n_advanced_policy_demo_nginx"))).to.deep.equal([]);
  });

  it("an invalid manifest exits 2 with one line on stderr and no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "reachability-cli-"));
    writeFileSync(join(dir, "bad.yaml"), "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: demo\nspec:\n  ingress:\n  - ports:\n    - port: 80\n      endPort: 79\n");
    const result = run(["--manifests", dir]);
    expect(result.status).to.equal(2);
    expect(result.stdout).to.equal("");
    expect(result.stderr).to.equal(`reachability: ${join(dir, "bad.yaml")}#1 (NetworkPolicy demo/p): spec.ingress[0].ports[0].endPort: must be greater than or equal to port (80), got 79\n`);
  });

  it("bad flags exit 2 with a clear message", async () => {
    const cases: [string[], string][] = [
      [[], "reachability: at least one --manifests PATH is required (see --help)\n"],
      [["--manifests", TUTORIAL, "--port", "http"], 'reachability: --port: must be an integer, got string "http"\n'],
      [["--manifests", TUTORIAL, "--port", "70000"], "reachability: --port: must be between 1 and 65535, inclusive, got 70000\n"],
      [["--manifests", TUTORIAL, "--protocol", "ICMP"], 'reachability: --protocol: unsupported value "ICMP": must be one of TCP, UDP, SCTP\n'],
      [["--manifests", TUTORIAL, "--format", "csv"], 'reachability: --format: unsupported value "csv": must be one of table, json, mermaid\n'],
      [["--manifests", TUTORIAL, "--to", "example.com"], 'reachability: --to: invalid IP address "example.com": must be an IPv4 (e.g. 10.0.0.1) or IPv6 (e.g. fd00::1) address\n'],
      [["--manifests"], "reachability: --manifests: a value is required\n"],
      [["--verbose"], 'reachability: unknown option "--verbose" (see --help)\n'],
      [["--manifests", "/nonexistent"], "reachability: /nonexistent: cannot read: ENOENT: no such file or directory, stat '/nonexistent'\n"],
    ];
    for (const [args, stderr] of cases) {
      const result = await runInProcess(args);
      expect(result, args.join(" ")).to.deep.equal({ code: 2, stdout: "", stderr });
    }
  });

  it("accepts --flag=value and prints usage with --help", async () => {
    const ok = await runInProcess([`--manifests=${join(TUTORIAL, "stage-1")}`, "--port=80", "--format=json"]);
    expect(ok.code).to.equal(0);
    const help = await runInProcess(["--help"]);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: reachability --manifests PATH/);
  });
});
