import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as YAML from "yaml";
import { main, parsePlanArgs } from "../../plan/cli";
import { PROJECT_DIR } from "../../plan/capture";

async function runPlan(argv: string[], expectedCode = 0): Promise<string> {
    let out = "";
    const code = await main(argv, (s) => { out += s; });
    expect(code).to.equal(expectedCode);
    return out;
}

describe("npm run plan", () => {
    it("prints the resource tree and the manifests of the dev stack's final stage", async () => {
        const out = await runPlan([]);
        expect(out).to.contain("Plan of stack 'dev' (Pulumi.dev.yaml): stage 6, \"Allow egress traffic to nginx\"");
        expect(out).to.contain("├─ calico-advanced-policy:index:IsolatedNamespace  advanced-policy-demo");
        expect(out).to.contain("kubernetes:networking.k8s.io/v1:NetworkPolicy  egress-to-nginx-allow-egress-to-advance-policy-ns  (advanced-policy-demo/allow-egress-to-advance-policy-ns)");
        const docs = YAML.parseAllDocuments(out.slice(out.indexOf("Manifests, in creation order:") + 30, out.indexOf("\nReachability once applied"))).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
        expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).to.include.members([
            "Namespace/advanced-policy-demo", "NetworkPolicy/default-deny-ingress", "Deployment/nginx", "Service/nginx",
        ]);
    });

    it("--stage overrides the stack's stage and --stack picks another environment", async () => {
        const out = await runPlan(["--stack", "prod", "--stage", "2"]);
        expect(out).to.contain("Plan of stack 'prod' (Pulumi.prod.yaml, stage overridden): stage 2, \"Deny all ingress traffic\"");
        expect(out).to.contain("(advanced-policy-prod/default-deny-ingress)");
        expect(out).not.to.contain("default-deny-egress");
        expect(out).to.contain("(advanced-policy-prod; protected, retained on delete)");
    });

    it("--out writes one file per object, numbered so that kubectl apply creates the namespace and the denies first", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        await runPlan(["--stage", "4", "--out", dir], 1);
        const files = fs.readdirSync(dir).sort();
        expect(files).to.deep.equal([
            "01-namespace-advanced-policy-demo.yaml",
            "02-networkpolicy-advanced-policy-demo-default-deny-ingress.yaml",
            "03-networkpolicy-advanced-policy-demo-default-deny-egress.yaml",
            "04-service-advanced-policy-demo-nginx.yaml",
            "05-networkpolicy-advanced-policy-demo-access-nginx.yaml",
            "06-deployment-advanced-policy-demo-nginx.yaml",
        ]);
        const ns = YAML.parse(fs.readFileSync(path.join(dir, files[0]!), "utf8")) as { kind: string };
        expect(ns.kind).to.equal("Namespace");
    });

    it("--out replaces only the files an earlier plan wrote, and leaves the user's own files alone", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        fs.writeFileSync(path.join(dir, "00-mine.yaml"), "kind: ConfigMap\n");
        await runPlan(["--stage", "6", "--out", dir]);
        await runPlan(["--stage", "2", "--out", dir]);
        expect(fs.readdirSync(dir).sort()).to.deep.equal([
            "00-mine.yaml",
            "01-namespace-advanced-policy-demo.yaml",
            "02-networkpolicy-advanced-policy-demo-default-deny-ingress.yaml",
            "03-service-advanced-policy-demo-nginx.yaml",
            "04-deployment-advanced-policy-demo-nginx.yaml",
        ]);
    });

    it("rejects unknown options and bad stages with a usage error", () => {
        expect(() => parsePlanArgs(["--stag", "3"])).to.throw(/Unknown option '--stag'/);
        expect(() => parsePlanArgs(["--stage", "three"])).to.throw('--stage: "three" is not allowed: a tutorial step from 1 to 6');
    });

    it("as a command: a config error exits 2 with one line on stderr and no stack trace", function () {
        this.timeout(60000);
        const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "plan/cli.ts", "--stage", "9"], { cwd: PROJECT_DIR, encoding: "utf8" });
        expect(result.status).to.equal(2);
        expect(result.stderr).to.equal("plan: calico-advanced-policy:stage: 9 is not allowed: one of 1, 2, 3, 4, 5, 6\n");
        expect(result.stdout).to.equal("");
    });
});

describe("npm run plan: reachability and policies", () => {
    it("prints the reachability table and the tutorial's checks with their outcomes", async () => {
        const out = await runPlan([]);
        expect(out).to.contain("The tutorial's checks, run from advanced-policy-demo/access");
        expect(out).to.contain("  wget nginx       ✓ ok\n");
        expect(out).to.contain("  wget google.com  ✗ wget: download timed out\n");
        expect(out).to.contain("  nslookup nginx   ✓ ok\n");
        expect(out).to.match(/80\/TCP:\nfrom \\ to +1 +2 +3\nadvanced-policy-demo\/access +✓ +· +✗/);
        expect(out).to.contain("Policy pack (6 policies, run in-process as `pulumi preview --policy-pack ./policy-pack` would):\nNo policy violations.");
    });

    it("exits 1 and prints the mandatory violation when the config drops the DNS allowance", async () => {
        const out = await runPlan(["--stage", "4"], 1);
        expect(out).to.contain("  wget google.com  ✗ wget: bad address 'google.com'\n");
        expect(out).to.contain("[mandatory] isolated-namespaces-allow-dns: Namespace advanced-policy-demo is isolated for egress");
        expect(out).to.contain("A mandatory policy failed: `pulumi preview --policy-pack ./policy-pack` would block this stack.");
    });
});
