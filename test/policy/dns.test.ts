import { expect } from "chai";
import * as fs from "fs";
import { PROJECT_DIR } from "../../plan/capture";
import { UNKNOWN } from "../../plan/capture";
import { STAGES } from "../../tutorial/stages";
import { ISOLATED_EGRESS_LABEL, ISOLATED_INGRESS_LABEL } from "../../components";
import { ISOLATION_LABELS } from "../../policy-pack/lib/isolation";
import {
    denyEgress, deployment, DNS_PORTS, egressPolicy, KUBE_DNS_PEER, namespace, namespacePatch, networkPolicy, stackResources, violations,
} from "./helpers";

const POLICY = "isolated-namespaces-allow-dns";
const dnsViolations = (...args: Parameters<typeof violations>) => violations(args[0], args[1], POLICY);

describe("isolated-namespaces-allow-dns on the stack's own resources", () => {
    const stacks = fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
    for (const stack of stacks) {
        for (const stage of STAGES) {
            if (stage === 4) {
                it(`${stack} stage 4 fails, as the tutorial's own step 4 leaves the egress-isolated namespace without DNS`, async () => {
                    const found = dnsViolations(await stackResources(stack, { stage }));
                    expect(found).to.have.lengthOf(1);
                    expect(found[0]!.level).to.equal("mandatory");
                    expect(found[0]!.message).to.match(/^Namespace advanced-policy-(demo|prod) is isolated for egress .* these cannot: advanced-policy-(demo|prod)\/nginx \(UDP 53, TCP 53\); any pod created in advanced-policy-(demo|prod) \(UDP 53, TCP 53\)\./);
                });
            } else {
                it(`${stack} stage ${stage} passes`, async () => {
                    expect(dnsViolations(await stackResources(stack, { stage }))).to.deep.equal([]);
                });
            }
        }
    }

    it("a stack config that drops the DNS allowance fails", async () => {
        const found = dnsViolations(await stackResources("dev", { allowDns: false }));
        expect(found.map((v) => v.message)).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("advanced-policy-demo/nginx (UDP 53, TCP 53)");
    });

    it("keeps every value it reads known during a preview", async () => {
        for (const stack of stacks) {
            const resources = await stackResources(stack, {}, true);
            expect(JSON.stringify(resources.map((r) => r.props)), stack).not.to.contain(UNKNOWN);
            expect(dnsViolations(resources), stack).to.deep.equal([]);
        }
    });

    it("reads IsolatedNamespace's isolation labels under the same keys the component writes", () => {
        expect(ISOLATION_LABELS).to.deep.equal({ Ingress: ISOLATED_INGRESS_LABEL, Egress: ISOLATED_EGRESS_LABEL });
    });
});

describe("isolated-namespaces-allow-dns decides by NetworkPolicy semantics", () => {
    const web = () => deployment("app", "web", { app: "web" });

    it("no DNS allowance at all: names the namespace, the workload and the isolating policy", () => {
        const [v, ...rest] = dnsViolations([namespace("app"), denyEgress("app"), web()]);
        expect(rest).to.deep.equal([]);
        expect(v!.message).to.equal(
            "Namespace app is isolated for egress (NetworkPolicies app/default-deny-egress), so every pod in it must be able to reach the cluster DNS"
            + " (kube-system pods k8s-app=kube-dns) on port 53; these cannot: app/web (UDP 53, TCP 53); any pod created in app (UDP 53, TCP 53)."
            + " Why: egress from app/web is isolated by app/default-deny-egress, and none of their rules allows UDP 53 to kube-system/kube-dns."
            + " Add an AllowDns (IsolatedNamespace's allowDns) or a NetworkPolicy allowing egress from every pod to the DNS pods on UDP and TCP 53.");
    });

    it("the AllowDns shape (kube-dns pods, UDP and TCP 53) passes", () => {
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }])])).to.deep.equal([]);
    });

    it("UDP only fails when TCP is required, and passes when the pack is configured not to require it", () => {
        const stack = [namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: [{ protocol: "UDP", port: 53 }] }])];
        expect(dnsViolations(stack).map((v) => v.message)[0]).to.contain("these cannot: app/web (TCP 53); any pod created in app (TCP 53). Why: egress from app/web is isolated by app/default-deny-egress, app/dns, and none of their rules allows TCP 53");
        expect(dnsViolations(stack, { [POLICY]: { requireTcp: false } })).to.deep.equal([]);
    });

    it("port 5353 does not count", () => {
        const found = dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: [{ protocol: "UDP", port: 5353 }, { protocol: "TCP", port: 5353 }] }])]);
        expect(found).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("app/web (UDP 53, TCP 53)");
    });

    it("SCTP 53 does not count", () => {
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: [{ protocol: "SCTP", port: 53 }] }])])).to.have.lengthOf(1);
    });

    it("DNS to the wrong namespace does not count", () => {
        const peer = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "default" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } };
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [peer], ports: DNS_PORTS }])])).to.have.lengthOf(1);
    });

    it("the wrong DNS pod labels do not count", () => {
        const peer = { ...KUBE_DNS_PEER, podSelector: { matchLabels: { "k8s-app": "coredns" } } };
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [peer], ports: DNS_PORTS }])])).to.have.lengthOf(1);
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [peer], ports: DNS_PORTS }])],
            { [POLICY]: { dnsPodLabels: { "k8s-app": "coredns" } } })).to.deep.equal([]);
    });

    it("the tutorial's `name: kube-system` selector fails and the message calls out the label trap", () => {
        const tutorial = egressPolicy("app", "allow-dns-access", [{ to: [{ namespaceSelector: { matchLabels: { name: "kube-system" } } }], ports: DNS_PORTS }]);
        const found = dnsViolations([namespace("app"), denyEgress("app"), web(), tutorial]);
        expect(found).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("NetworkPolicy app/allow-dns-access selects kube-system by the label name=kube-system, which Kubernetes does not set and this stack does not apply:"
            + " select it by kubernetes.io/metadata.name: kube-system, or have the stack label it (AllowDns kubeSystemSelection: \"name-label\").");
    });

    it("the same selector passes when the stack applies the label to kube-system", () => {
        const tutorial = egressPolicy("app", "allow-dns-access", [{ to: [{ namespaceSelector: { matchLabels: { name: "kube-system" } } }], ports: DNS_PORTS }]);
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), tutorial, namespacePatch("kube-system", { name: "kube-system" })])).to.deep.equal([]);
    });

    it("a DNS rule whose podSelector leaves some pods out names exactly those", () => {
        const found = dnsViolations([
            namespace("app"), denyEgress("app"), web(), deployment("app", "worker", { app: "worker" }),
            egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }], { matchLabels: { app: "web" } }),
        ]);
        expect(found).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("these cannot: app/worker (UDP 53, TCP 53); any pod created in app (UDP 53, TCP 53).");
        expect(found[0]!.message).not.to.contain("app/web ");
    });

    it("a DNS rule covering every declared workload but not pods created later (the tutorial's `kubectl run access`) fails for those", () => {
        const found = dnsViolations([
            namespace("app"), denyEgress("app"), web(),
            egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }], { matchLabels: { app: "web" } }),
        ]);
        expect(found.map((v) => v.message.split("these cannot: ")[1]!.split(". Why")[0])).to.deep.equal(["any pod created in app (UDP 53, TCP 53)"]);
    });

    it("an egress default-deny declared outside IsolatedNamespace (no label) is caught by the policy itself", () => {
        expect(dnsViolations([namespace("plain"), denyEgress("plain"), deployment("plain", "x", { a: "b" })])).to.have.lengthOf(1);
    });

    it("two namespaces where only one is covered: only the other is reported", () => {
        const found = dnsViolations([
            namespace("a"), denyEgress("a"), deployment("a", "x", { a: "x" }), egressPolicy("a", "dns", [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }]),
            namespace("b"), denyEgress("b"), deployment("b", "y", { a: "y" }),
        ]);
        expect(found.map((v) => v.message.split(" is isolated")[0])).to.deep.equal(["Namespace b"]);
    });

    it("an allow-all egress counts", () => {
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "allow-all", [{}])])).to.deep.equal([]);
    });

    it("port 53 to every destination counts", () => {
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns-anywhere", [{ ports: DNS_PORTS }])])).to.deep.equal([]);
    });

    it("named ports resolve against the kube-dns pods' container ports (dns/UDP, dns-tcp/TCP)", () => {
        const named = [{ protocol: "UDP", port: "dns" }, { protocol: "TCP", port: "dns-tcp" }];
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: named }])])).to.deep.equal([]);
        const wrongProtocol = [{ protocol: "TCP", port: "dns" }];
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: wrongProtocol }])])).to.have.lengthOf(1);
    });

    it("an ipBlock to the cluster DNS Service address does not count: policy sees the DNS pods' IPs after the Service's DNAT", () => {
        const toService = egressPolicy("app", "dns", [{ to: [{ ipBlock: { cidr: "10.96.0.10/32" } }], ports: DNS_PORTS }]);
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), toService])).to.have.lengthOf(1);
    });

    it("an ipBlock covering the DNS pods' IPs counts when those IPs are configured", () => {
        const toPods = egressPolicy("app", "dns", [{ to: [{ ipBlock: { cidr: "10.244.0.0/16" } }], ports: DNS_PORTS }]);
        expect(dnsViolations([namespace("app"), denyEgress("app"), web(), toPods], { [POLICY]: { dnsPodAddresses: ["10.244.0.5"] } })).to.deep.equal([]);
    });

    it("an ingress default-deny on kube-system declared by the stack blocks DNS at the destination", () => {
        const found = dnsViolations([
            namespace("app"), denyEgress("app"), web(), egressPolicy("app", "dns", [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }]),
            networkPolicy("kube-system", "deny-all-ingress", { podSelector: {}, policyTypes: ["Ingress"] }),
        ]);
        expect(found).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("Why: ingress to kube-system/kube-dns is isolated by kube-system/deny-all-ingress");
    });

    it("a namespace with no workload yet is checked for any pod created later", () => {
        const found = dnsViolations([namespace("empty", { [ISOLATED_EGRESS_LABEL]: "true" }), denyEgress("empty")]);
        expect(found).to.have.lengthOf(1);
        expect(found[0]!.message).to.contain("these cannot: any pod created in empty (UDP 53, TCP 53)");
    });

    it("a namespace without egress isolation is not checked", () => {
        expect(dnsViolations([namespace("open"), deployment("open", "x", { a: "b" })])).to.deep.equal([]);
    });

    it("its enforcement level is configurable: advisory reports, disabled is silent", () => {
        const stack = [namespace("app"), denyEgress("app"), web()];
        expect(dnsViolations(stack, { [POLICY]: "advisory" }).map((v) => v.level)).to.deep.equal(["advisory"]);
        expect(dnsViolations(stack, { [POLICY]: { enforcementLevel: "disabled" } })).to.deep.equal([]);
        expect(dnsViolations(stack, { all: "advisory" }).map((v) => v.level)).to.deep.equal(["advisory"]);
    });
});
