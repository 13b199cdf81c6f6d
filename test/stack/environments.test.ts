import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as YAML from "yaml";
import { captureStack, findObject, findResource, policyNames } from "./helpers";
import { PROJECT_DIR } from "../../plan/capture";
import { CONFIG_SCHEMA } from "../../config/schema";

const stacks = fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length));

describe("environment files", () => {
    it("there are at least a dev and a prod stack", () => {
        expect(stacks).to.include.members(["dev", "prod"]);
    });

    for (const stack of stacks) {
        it(`Pulumi.${stack}.yaml runs the final stage with every config key valid`, async () => {
            const c = await captureStack(stack);
            expect(policyNames(c)).to.include.members(["default-deny-ingress", "default-deny-egress", "allow-dns-access", "access-nginx", "allow-egress-to-advance-policy-ns"]);
        });
    }

    it("dev: advanced-policy-demo, 2 replicas, nothing protected", async () => {
        const c = await captureStack("dev");
        expect((findObject(c, "Deployment", "nginx").spec as { replicas: number }).replicas).to.equal(2);
        const ns = findResource(c, "Namespace", "advanced-policy-demo");
        expect([ns.protect, ns.retainOnDelete]).to.deep.equal([false, false]);
    });

    it("prod: its own namespace and labels, 3 replicas, a protected and retained namespace, NodeLocal DNS allowed", async () => {
        const c = await captureStack("prod");
        expect((findObject(c, "Deployment", "nginx").spec as { replicas: number }).replicas).to.equal(3);
        const ns = findResource(c, "Namespace", "advanced-policy-prod");
        expect([ns.protect, ns.retainOnDelete]).to.deep.equal([true, true]);
        expect((ns.inputs.metadata as { labels: Record<string, string> }).labels).to.include({ environment: "production" });
        const egress = (findObject(c, "NetworkPolicy", "allow-dns-access").spec as { egress: { to: unknown[] }[] }).egress;
        expect(egress[1]!.to).to.deep.equal([{ ipBlock: { cidr: "169.254.20.10/32" } }]);
    });
});

describe("Pulumi.yaml", () => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
        name: string; config: Record<string, { type?: string; items?: { type: string }; description: string; default: unknown }>;
    };

    it("declares exactly the keys the program reads", () => {
        expect(Object.keys(project.config).sort()).to.deep.equal(Object.keys(CONFIG_SCHEMA).sort());
    });

    for (const [key, spec] of Object.entries(CONFIG_SCHEMA)) {
        it(`declares ${key} with the program's type, description and default`, () => {
            const declared = project.config[key]!;
            expect(declared.type).to.equal(spec.type === "object" ? undefined : spec.type);
            expect(declared.items?.type).to.equal(spec.items);
            expect(declared.description).to.equal(spec.description);
            expect(declared.default).to.deep.equal(spec.default);
        });
    }
});
