import { expect } from "chai";
import { captureStack, findObject, findResource, policyNames } from "./helpers";
import { STAGES } from "../../tutorial/stages";
import { manifestsOf } from "../../plan/manifests";

const POLICIES_AT_STAGE: Record<number, string[]> = {
    1: [],
    2: ["default-deny-ingress"],
    3: ["access-nginx", "default-deny-ingress"],
    4: ["access-nginx", "default-deny-egress", "default-deny-ingress"],
    5: ["access-nginx", "allow-dns-access", "default-deny-egress", "default-deny-ingress"],
    6: ["access-nginx", "allow-dns-access", "allow-egress-to-advance-policy-ns", "default-deny-egress", "default-deny-ingress"],
};

describe("the tutorial as stages (dev stack)", () => {
    for (const stage of STAGES) {
        it(`stage ${stage} declares the namespace, nginx, its service and exactly ${POLICIES_AT_STAGE[stage]!.length} policies`, async () => {
            const c = await captureStack("dev", { stage });
            expect(policyNames(c)).to.deep.equal(POLICIES_AT_STAGE[stage]);
            const kinds = manifestsOf(c.resources).map((m) => m.object.kind).filter((k) => k !== "NetworkPolicy").sort();
            expect(kinds).to.deep.equal(["Deployment", "Namespace", "Service"]);
            for (const m of manifestsOf(c.resources).filter((x) => x.object.kind !== "Namespace")) {
                expect(m.object.metadata.namespace, m.urn).to.equal("advanced-policy-demo");
            }
        });
    }

    it("stage 6's egress policy is the tutorial's allow-egress-to-advance-policy-ns", async () => {
        const c = await captureStack("dev", { stage: 6 });
        expect(findObject(c, "NetworkPolicy", "allow-egress-to-advance-policy-ns").spec).to.deep.equal({
            podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { run: "nginx" } } }] }],
        });
    });

    it("stage 5 in name-label mode reproduces the tutorial's kube-system label and its UDP-only rule", async () => {
        const c = await captureStack("dev", { stage: 5, dnsKubeSystemSelector: "name-label", dnsProtocols: ["UDP"] });
        const patch = c.resources.filter((r) => r.type === "kubernetes:core/v1:NamespacePatch");
        expect(patch.map((p) => p.inputs.metadata)).to.deep.equal([{ name: "kube-system", labels: { name: "kube-system" } }]);
        expect((findObject(c, "NetworkPolicy", "allow-dns-access").spec as { egress: unknown }).egress).to.deep.equal([{
            to: [{ namespaceSelector: { matchLabels: { name: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
            ports: [{ protocol: "UDP", port: 53 }],
        }]);
    });

    it("allowDns=false drops the DNS allowance from stage 5 on", async () => {
        const c = await captureStack("dev", { stage: 6, allowDns: false });
        expect(policyNames(c)).not.to.include("allow-dns-access");
        expect(policyNames(c)).to.include("default-deny-egress");
    });

    it("labels the namespace with its isolation only in the directions in force", async () => {
        const labels = async (stage: number) =>
            (findObject(await captureStack("dev", { stage }), "Namespace", "advanced-policy-demo").metadata as { labels: Record<string, string> }).labels;
        expect(Object.keys(await labels(1)).filter((k) => k.includes("isolated"))).to.deep.equal([]);
        expect(Object.keys(await labels(3)).filter((k) => k.includes("isolated"))).to.deep.equal(["calico-advanced-policy.dev/isolated-ingress"]);
        expect(Object.keys(await labels(4)).filter((k) => k.includes("isolated")).sort())
            .to.deep.equal(["calico-advanced-policy.dev/isolated-egress", "calico-advanced-policy.dev/isolated-ingress"]);
    });

    describe("secure ordering", () => {
        for (const stage of [2, 4, 6]) {
            it(`at stage ${stage} no workload or service is created before the namespace's default-deny policies`, async () => {
                const c = await captureStack("dev", { stage });
                const denies = policyNames(c).filter((n) => n.startsWith("default-deny")).map((n) => findResource(c, "NetworkPolicy", n).urn);
                expect(denies).not.to.be.empty;
                for (const [kind, name] of [["Deployment", "nginx"], ["Service", "nginx"]] as const) {
                    expect(findResource(c, kind, name).dependencies, `${kind} ${name}`).to.include.members(denies);
                }
            });
        }
    });

    it("carries extra allowlist entries from config", async () => {
        const c = await captureStack("dev", {
            egressAllowlist: [{ name: "to-api", podLabels: { run: "access" }, to: [{ cidr: "203.0.113.0/24", except: ["203.0.113.128/25"] }, { namespaces: { team: "api" }, pods: { app: "api" } }], ports: [{ port: 443 }, { port: 8000, endPort: 8100, protocol: "UDP" }] }],
        });
        expect(findObject(c, "NetworkPolicy", "to-api").spec).to.deep.equal({
            podSelector: { matchLabels: { run: "access" } },
            policyTypes: ["Egress"],
            egress: [{
                to: [{ ipBlock: { cidr: "203.0.113.0/24", except: ["203.0.113.128/25"] } }, { podSelector: { matchLabels: { app: "api" } }, namespaceSelector: { matchLabels: { team: "api" } } }],
                ports: [{ protocol: "TCP", port: 443 }, { protocol: "UDP", port: 8000, endPort: 8100 }],
            }],
        });
    });
});
