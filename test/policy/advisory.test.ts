import { expect } from "chai";
import { networkPolicyTypesStated } from "../../policy-pack/policies";
import { policySettings } from "../../policy-pack/lib/offline";
import { denyEgress, deployment, DNS_PORTS, egressPolicy, KUBE_DNS_PEER, namespace, networkPolicy, service, stackResources, violations } from "./helpers";

describe("namespaces-isolated-both-ways", () => {
    const P = "namespaces-isolated-both-ways";

    it("passes the dev stack's final stage and names the missing direction at stage 2", async () => {
        expect(violations(await stackResources("dev"), {}, P)).to.deep.equal([]);
        const found = violations(await stackResources("dev", { stage: 2 }), {}, P);
        expect(found.map((v) => [v.level, v.message])).to.deep.equal([["advisory",
            "Namespace advanced-policy-demo must be isolated for ingress and egress: it has no Egress default-deny (a NetworkPolicy with an empty podSelector and policyTypes [Egress]); use IsolatedNamespace or DefaultDeny."]]);
        expect(found[0]!.urn).to.match(/Namespace::advanced-policy-demo$/);
    });

    it("an allow-all rule for every pod undoes isolation and is named", () => {
        const stack = [namespace("a"), networkPolicy("a", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
            networkPolicy("a", "open", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] })];
        expect(violations(stack, {}, P).map((v) => v.message)).to.deep.equal([
            "Namespace a must be isolated for ingress and egress: it has no Ingress default-deny (a NetworkPolicy with an empty podSelector and policyTypes [Ingress]); a/open allows everything to every pod, which undoes isolation; use IsolatedNamespace or DefaultDeny.",
        ]);
    });

    it("invalid objects in the stack are reported, not thrown", () => {
        const stack = [namespace("a"), networkPolicy("a", "bad", { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 79 }] }] })];
        for (const policy of [P, "no-egress-to-internet", "isolated-namespaces-allow-dns"]) {
            expect(violations(stack, {}, policy).map((v) => v.message)[0], policy).to.match(/^The stack's Kubernetes objects must be valid for this policy to decide: .*endPort/);
        }
    });

    it("a policy selecting only some pods does not isolate the namespace; exempt namespaces are skipped", () => {
        const stack = [namespace("a"), networkPolicy("a", "some", { podSelector: { matchLabels: { x: "y" } }, policyTypes: ["Ingress", "Egress"] })];
        expect(violations(stack, {}, P)).to.have.lengthOf(1);
        expect(violations(stack, { [P]: { exemptNamespaces: ["a"] } }, P)).to.deep.equal([]);
    });
});

describe("no-egress-to-internet", () => {
    const P = "no-egress-to-internet";

    it("flags 0.0.0.0/0, ::/0 and a rule with no destinations in an egress-isolated namespace", () => {
        const found = violations([
            namespace("app"), denyEgress("app"),
            egressPolicy("app", "v4", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443 }] }]),
            egressPolicy("app", "v6", [{ to: [{ ipBlock: { cidr: "::/0" } }] }]),
            egressPolicy("app", "all", [{}]),
        ], {}, P).map((v) => v.message);
        expect(found).to.deep.equal([
            "NetworkPolicy app/all must not open egress from the isolated namespace app to the whole internet: its egress rule 0 allows every destination (no 'to') on every port. Name the destinations (CIDRs, namespaces, pods) instead.",
            "NetworkPolicy app/v4 must not open egress from the isolated namespace app to the whole internet: its egress rule 0 allows 0.0.0.0/0 (except 10.0.0.0/8) on TCP 443. Name the destinations (CIDRs, namespaces, pods) instead.",
            "NetworkPolicy app/v6 must not open egress from the isolated namespace app to the whole internet: its egress rule 0 allows ::/0 on every port. Name the destinations (CIDRs, namespaces, pods) instead.",
        ]);
    });

    it("leaves named destinations and non-isolated namespaces alone", async () => {
        expect(violations([namespace("app"), denyEgress("app"), egressPolicy("app", "p", [{ to: [{ ipBlock: { cidr: "203.0.113.0/24" } }] }, { to: [KUBE_DNS_PEER], ports: DNS_PORTS }])], {}, P)).to.deep.equal([]);
        expect(violations(await stackResources("prod"), {}, P)).to.deep.equal([]);
    });
});

describe("network-policy-types-stated", () => {
    const P = "network-policy-types-stated";

    it("flags a NetworkPolicy without policyTypes, with the types Kubernetes would default to", () => {
        const found = violations([networkPolicy("app", "tutorial-access-nginx", { podSelector: { matchLabels: { run: "nginx" } }, ingress: [{ from: [{ podSelector: {} }] }] })], {}, P);
        expect(found.map((v) => v.message)).to.deep.equal([
            "NetworkPolicy app/tutorial-access-nginx must state its policyTypes: left out, Kubernetes defaults them to [Ingress] (Egress only when egress rules exist), so a policy meant to deny egress with no rules would not. Add policyTypes: [Ingress] or what you mean.",
        ]);
    });

    it("every policy the stack declares states them", async () => {
        expect(violations(await stackResources("dev"), {}, P)).to.deep.equal([]);
    });

    it("its remediation writes the defaulted types", async () => {
        const remediate = networkPolicyTypesStated.remediateResource!;
        const props = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "a" }, spec: { podSelector: {}, egress: [{}] } };
        const args = { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", props, urn: "urn", name: "p", opts: {}, getConfig: () => ({}), isType: () => true, asType: () => props };
        const fixed = await remediate(args as never);
        expect(fixed).to.deep.equal({ ...props, spec: { podSelector: {}, egress: [{}], policyTypes: ["Ingress", "Egress"] } });
    });
});

describe("container-images-pinned", () => {
    const P = "container-images-pinned";

    it("flags latest and missing tags, accepts versions and digests", () => {
        const digest = `nginx@sha256:${"a".repeat(64)}`;
        const found = violations([
            deployment("a", "latest", { a: "1" }, "nginx:latest"), deployment("a", "untagged", { a: "2" }, "registry.local:5000/nginx"),
            deployment("a", "tagged", { a: "3" }, "nginx:1.27.3"), deployment("a", "digest", { a: "4" }, digest),
        ], {}, P).map((v) => v.message);
        expect(found).to.deep.equal([
            "Deployment a/latest container latest must use an image pinned to a version or digest: nginx:latest uses the 'latest' tag.",
            "Deployment a/untagged container untagged must use an image pinned to a version or digest: registry.local:5000/nginx has no tag, so it means 'latest'.",
        ]);
    });

    it("requireDigest makes a tag insufficient", () => {
        expect(violations([deployment("a", "tagged", { a: "3" }, "nginx:1.27.3")], { [P]: { requireDigest: true } }, P).map((v) => v.message))
            .to.deep.equal(["Deployment a/tagged container tagged must use an image pinned to a version or digest: nginx:1.27.3 has no digest (@sha256:...)."]);
    });
});

describe("services-select-existing-pods", () => {
    const P = "services-select-existing-pods";

    it("flags a Service whose selector matches no declared pods, and not the stack's nginx Service", async () => {
        expect(violations([deployment("a", "web", { app: "web" }), service("a", "web", { app: "web" }), service("a", "typo", { app: "wbe" })], {}, P).map((v) => v.message))
            .to.deep.equal(["Service a/typo must select pods the stack declares: no pod or workload in its namespace has the labels app=wbe, so it would have no endpoints."]);
        expect(violations(await stackResources("dev"), {}, P)).to.deep.equal([]);
    });

    it("pods in another namespace do not count; exempt services are skipped", () => {
        const stack = [deployment("b", "web", { app: "web" }), service("a", "web", { app: "web" })];
        expect(violations(stack, {}, P)).to.have.lengthOf(1);
        expect(violations(stack, { [P]: { exemptServices: ["a/web"] } }, P)).to.deep.equal([]);
    });
});

describe("pack config", () => {
    it("fills each policy's schema defaults, then the pack config, and the level from the policy, `all`, then the policy's entry", () => {
        expect(policySettings(networkPolicyTypesStated)).to.deep.equal({ level: "advisory", properties: { exemptNamespaces: [] } });
        expect(policySettings(networkPolicyTypesStated, { all: "mandatory", "network-policy-types-stated": { exemptNamespaces: ["x"] } }))
            .to.deep.equal({ level: "mandatory", properties: { exemptNamespaces: ["x"] } });
        expect(policySettings(networkPolicyTypesStated, { all: "mandatory", "network-policy-types-stated": "remediate" }).level).to.equal("remediate");
    });
});
