/**
 * The older tutorial, "Going Beyond NetworkPolicy with Calico" (Calico v3.5): its Kubernetes policies are
 * extensions/v1beta1 NetworkPolicies (`default-deny` with a null podSelector, then `access-nginx`), which
 * the engine reads like networking.k8s.io/v1; its Calico policies are not Kubernetes NetworkPolicy and are
 * ignored, counted as such.
 */
import { expect } from "chai";
import * as path from "path";
import { Analyzer, loadCluster, readManifests } from "../../engine";

const FIXTURE = path.join(__dirname, "../fixtures/engine/calico-v3.5/kubernetes-policies.yaml");

describe("the Calico v3.5 tutorial's Kubernetes policies (extensions/v1beta1)", () => {
    const docs = readManifests([FIXTURE]);

    it("`default-deny` alone (null podSelector) isolates every pod: wget nginx times out", () => {
        const cluster = loadCluster(docs.filter((d) => !JSON.stringify(d.object).includes("access-nginx")));
        const verdict = new Analyzer(cluster).evaluate({ endpoint: "advanced-policy-demo/access" }, { endpoint: "advanced-policy-demo/nginx" }, 80, "TCP");
        expect(verdict.allowed).to.equal(false);
        expect(verdict.ingress.isolatedBy).to.deep.equal(["advanced-policy-demo/default-deny"]);
    });

    it("with `access-nginx`, the namespace's pods reach nginx; egress stays open (Kubernetes policy of that era had none)", () => {
        const cluster = loadCluster(docs);
        const analyzer = new Analyzer(cluster);
        expect(analyzer.evaluate({ endpoint: "advanced-policy-demo/access" }, { endpoint: "advanced-policy-demo/nginx" }, 80, "TCP").ingress.allowedBy)
            .to.deep.equal([{ policy: "advanced-policy-demo/access-nginx", rule: 0 }]);
        expect(analyzer.evaluate({ endpoint: "advanced-policy-demo/access" }, { address: "216.58.219.206" }, 80, "TCP").allowed).to.equal(true);
    });

    it("ignores the Calico policies and counts them under their API group", () => {
        const cluster = loadCluster(docs);
        expect(cluster.policies.map((p) => p.id).sort()).to.deep.equal(["advanced-policy-demo/access-nginx", "advanced-policy-demo/default-deny"]);
        expect(cluster.ignored.get("NetworkPolicy (projectcalico.org/v3)")).to.equal(1);
    });
});
