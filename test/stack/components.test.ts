import { expect } from "chai";
import { captureResources } from "../../plan/capture";
import { manifestsOf } from "../../plan/manifests";
import { AllowDns, DefaultDeny, EgressAllowlist, IsolatedNamespace, NginxService } from "../../components";
import { findObject, findResource, policyNames } from "./helpers";

const MANAGED = { "app.kubernetes.io/managed-by": "pulumi" };

describe("DefaultDeny", () => {
    it("declares the tutorial's default-deny-ingress and default-deny-egress exactly", async () => {
        const c = await captureResources(() => { new DefaultDeny("d", { namespace: "ns1" }); });
        expect(findObject(c, "NetworkPolicy", "default-deny-ingress")).to.deep.equal({
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "default-deny-ingress", namespace: "ns1", labels: MANAGED },
            spec: { podSelector: {}, policyTypes: ["Ingress"] },
        });
        expect(findObject(c, "NetworkPolicy", "default-deny-egress")).to.deep.equal({
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "default-deny-egress", namespace: "ns1", labels: MANAGED },
            spec: { podSelector: {}, policyTypes: ["Egress"] },
        });
    });

    it("switches each direction independently", async () => {
        const c = await captureResources(() => { new DefaultDeny("d", { namespace: "ns1", egress: false }); });
        expect(policyNames(c)).to.deep.equal(["default-deny-ingress"]);
    });

    it("parents its policies to the component", async () => {
        const c = await captureResources(() => { new DefaultDeny("d", { namespace: "ns1" }); });
        const component = c.resources.find((r) => r.type === "calico-advanced-policy:index:DefaultDeny")!;
        expect(findResource(c, "NetworkPolicy", "default-deny-egress").parent).to.equal(component.urn);
    });
});

describe("AllowDns", () => {
    it("allows UDP and TCP 53 to the kube-dns pods in kube-system, selected by kubernetes.io/metadata.name", async () => {
        const c = await captureResources(() => { new AllowDns("dns", { namespace: "ns1" }); });
        expect(findObject(c, "NetworkPolicy", "allow-dns-access").spec).to.deep.equal({
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [{
                to: [{
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                }],
                ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
            }],
        });
        expect(c.resources.some((r) => r.type.endsWith("NamespacePatch"))).to.equal(false);
    });

    it("in name-label mode labels kube-system name=kube-system with a server-side patch and selects by it, after the patch", async () => {
        const c = await captureResources(() => {
            new AllowDns("dns", { namespace: "ns1", kubeSystemSelection: "name-label", protocols: ["UDP"], dnsPodLabels: {} });
        });
        const patch = c.resources.find((r) => r.type === "kubernetes:core/v1:NamespacePatch")!;
        expect(patch.inputs).to.deep.equal({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system", labels: { name: "kube-system" } } });
        const policy = findResource(c, "NetworkPolicy", "allow-dns-access");
        expect(policy.dependencies).to.include(patch.urn);
        // The tutorial's own policy: whole namespace, UDP only.
        expect((policy.inputs.spec as { egress: unknown }).egress).to.deep.equal([{
            to: [{ namespaceSelector: { matchLabels: { name: "kube-system" } } }],
            ports: [{ protocol: "UDP", port: 53 }],
        }]);
    });

    it("adds a NodeLocal DNSCache address as a /32 on the same ports", async () => {
        const c = await captureResources(() => { new AllowDns("dns", { namespace: "ns1", nodeLocalDnsAddress: "169.254.20.10", protocols: ["UDP"] }); });
        const egress = (findObject(c, "NetworkPolicy", "allow-dns-access").spec as { egress: unknown[] }).egress;
        expect(egress[1]).to.deep.equal({ to: [{ ipBlock: { cidr: "169.254.20.10/32" } }], ports: [{ protocol: "UDP", port: 53 }] });
    });

    it("uses /128 for an IPv6 NodeLocal address", async () => {
        const c = await captureResources(() => { new AllowDns("dns", { namespace: "ns1", nodeLocalDnsAddress: "fd00::a" }); });
        const egress = (findObject(c, "NetworkPolicy", "allow-dns-access").spec as { egress: { to: unknown[] }[] }).egress;
        expect(egress[1]!.to).to.deep.equal([{ ipBlock: { cidr: "fd00::a/128" } }]);
    });
});

describe("EgressAllowlist", () => {
    it("declares one Egress policy per entry, with pods, namespaces AND pods, and CIDRs with exceptions, ports and ranges", async () => {
        const c = await captureResources(() => {
            new EgressAllowlist("allow", {
                namespace: "ns1",
                entries: [
                    { name: "to-nginx", to: [{ podSelector: { matchLabels: { run: "nginx" } } }] },
                    {
                        name: "to-backend",
                        podSelector: { matchLabels: { tier: "web" } },
                        to: [{ podSelector: { matchLabels: { app: "api" } }, namespaceSelector: { matchLabels: { team: "backend" } } }],
                        ports: [{ port: 8080 }, { port: 30000, endPort: 32767, protocol: "UDP" }],
                    },
                    { name: "to-internet", to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }] },
                ],
            });
        });
        expect(policyNames(c)).to.deep.equal(["to-backend", "to-internet", "to-nginx"]);
        expect(findObject(c, "NetworkPolicy", "to-nginx").spec).to.deep.equal({
            podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { run: "nginx" } } }] }],
        });
        expect(findObject(c, "NetworkPolicy", "to-backend").spec).to.deep.equal({
            podSelector: { matchLabels: { tier: "web" } },
            policyTypes: ["Egress"],
            egress: [{
                to: [{ podSelector: { matchLabels: { app: "api" } }, namespaceSelector: { matchLabels: { team: "backend" } } }],
                ports: [{ protocol: "TCP", port: 8080 }, { protocol: "UDP", port: 30000, endPort: 32767 }],
            }],
        });
        expect(findObject(c, "NetworkPolicy", "to-internet").spec).to.deep.equal({
            podSelector: {}, policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ protocol: "TCP", port: 443 }] }],
        });
    });

    it("selects a component's pods in another namespace together with their namespace", async () => {
        const c = await captureResources(() => {
            const web = new NginxService("web", { namespace: "team-a" });
            new EgressAllowlist("allow", { namespace: "team-b", entries: [{ name: "to-web", to: [web] }] });
        });
        expect(findObject(c, "NetworkPolicy", "to-web").spec).to.deep.include({
            egress: [{ to: [{ podSelector: { matchLabels: { run: "nginx" } }, namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "team-a" } } }] }],
        });
    });

    it("accepts a component standing for its pods, with the selector the component exposes", async () => {
        const c = await captureResources(() => {
            const nginx = new NginxService("web", { namespace: "ns1", podLabels: { app: "web" } });
            new EgressAllowlist("allow", { namespace: "ns1", entries: [{ name: "to-web", to: [nginx] }] });
        });
        expect(findObject(c, "NetworkPolicy", "to-web").spec).to.deep.include({ egress: [{ to: [{ podSelector: { matchLabels: { app: "web" } } }] }] });
    });
});

describe("NginxService", () => {
    it("builds a 2-replica pinned nginx Deployment with kubernetesx, selected by run: nginx, and a Service on port 80", async () => {
        const c = await captureResources(() => { new NginxService("nginx", { namespace: "ns1" }); });
        expect(findObject(c, "Deployment", "nginx")).to.deep.equal({
            apiVersion: "apps/v1", kind: "Deployment",
            metadata: { name: "nginx", namespace: "ns1", labels: { run: "nginx", ...MANAGED } },
            spec: {
                replicas: 2,
                selector: { matchLabels: { run: "nginx" } },
                template: {
                    metadata: { labels: { run: "nginx" } },
                    spec: {
                        containers: [{ name: "nginx", image: "nginx:1.27.3", ports: [{ name: "http", containerPort: 80 }], env: [], volumeMounts: [] }],
                        initContainers: [],
                        volumes: [],
                    },
                },
            },
        });
        expect(findObject(c, "Service", "nginx")).to.deep.equal({
            apiVersion: "v1", kind: "Service",
            metadata: { name: "nginx", namespace: "ns1", labels: { run: "nginx", ...MANAGED } },
            spec: { type: "ClusterIP", selector: { run: "nginx" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
        });
        expect(policyNames(c)).to.deep.equal([]);
    });

    it("keeps no trace of kubernetesx's own app label: Deployment, Service and pods agree on one label set", async () => {
        const c = await captureResources(() => { new NginxService("nginx", { namespace: "ns1" }); });
        expect(JSON.stringify(manifestsOf(c.resources).map((m) => m.object))).not.to.contain("\"app\":");
    });

    it("declares access-nginx exactly as the tutorial, with its policyTypes stated", async () => {
        const c = await captureResources(() => { new NginxService("nginx", { namespace: "ns1", allowIngressFromNamespace: true }); });
        expect(findObject(c, "NetworkPolicy", "access-nginx")).to.deep.equal({
            apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "access-nginx", namespace: "ns1", labels: MANAGED },
            spec: { podSelector: { matchLabels: { run: "nginx" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
        });
    });

    it("exposes its pod selector and service name for other components", async () => {
        let selector: unknown;
        let serviceName: Promise<string> | undefined;
        await captureResources(() => {
            const nginx = new NginxService("nginx", { namespace: "ns1", replicas: 3, name: "web" });
            selector = nginx.podSelector;
            serviceName = new Promise((resolve) => nginx.serviceName.apply(resolve));
        });
        expect(selector).to.deep.equal({ matchLabels: { run: "web" } });
        expect(await serviceName).to.equal("web");
    });

    it("annotates the Deployment and the Service pulumi.com/skipAwait only when asked", async () => {
        const c = await captureResources(() => { new NginxService("nginx", { namespace: "ns1", skipAwait: true }); });
        for (const kind of ["Deployment", "Service"]) {
            expect((findObject(c, kind, "nginx").metadata as { annotations?: unknown }).annotations, kind).to.deep.equal({ "pulumi.com/skipAwait": "true" });
        }
        const plain = await captureResources(() => { new NginxService("nginx", { namespace: "ns1" }); });
        expect((findObject(plain, "Service", "nginx").metadata as { annotations?: unknown }).annotations).to.equal(undefined);
    });
});

describe("IsolatedNamespace", () => {
    it("declares the Namespace with its labels, both default-denies and the DNS allowance by default", async () => {
        const c = await captureResources(() => { new IsolatedNamespace("demo", { name: "demo-ns", labels: { team: "platform" } }); });
        expect(findObject(c, "Namespace", "demo-ns")).to.deep.equal({
            apiVersion: "v1", kind: "Namespace",
            metadata: {
                name: "demo-ns",
                labels: {
                    team: "platform", ...MANAGED,
                    "calico-advanced-policy.dev/isolated-ingress": "true",
                    "calico-advanced-policy.dev/isolated-egress": "true",
                },
            },
        });
        expect(policyNames(c)).to.deep.equal(["allow-dns-access", "default-deny-egress", "default-deny-ingress"]);
        for (const name of policyNames(c)) {
            expect((findObject(c, "NetworkPolicy", name).metadata as { namespace: string }).namespace).to.equal("demo-ns");
        }
    });

    it("with egress left open declares no egress policy at all (an egress allowance would isolate by itself)", async () => {
        const c = await captureResources(() => { new IsolatedNamespace("demo", { name: "demo-ns", denyEgress: false }); });
        expect(policyNames(c)).to.deep.equal(["default-deny-ingress"]);
        expect((findObject(c, "Namespace", "demo-ns").metadata as { labels: Record<string, string> }).labels)
            .not.to.have.property("calico-advanced-policy.dev/isolated-egress");
    });

    it("passes AllowDns options and egress allowlist entries through", async () => {
        const c = await captureResources(() => {
            new IsolatedNamespace("demo", {
                name: "demo-ns",
                allowDns: { protocols: ["TCP"], policyName: "dns" },
                egressAllowlist: [{ name: "to-api", to: [{ ipBlock: { cidr: "192.0.2.0/24" } }] }],
            });
        });
        expect(policyNames(c)).to.deep.equal(["default-deny-egress", "default-deny-ingress", "dns", "to-api"]);
        expect((findObject(c, "NetworkPolicy", "dns").spec as { egress: { ports: unknown }[] }).egress[0]!.ports)
            .to.deep.equal([{ protocol: "TCP", port: 53 }]);
    });

    it("protects and retains the Namespace when asked", async () => {
        const c = await captureResources(() => { new IsolatedNamespace("demo", { name: "demo-ns", protect: true, retainOnDelete: true }); });
        const ns = findResource(c, "Namespace", "demo-ns");
        expect([ns.protect, ns.retainOnDelete]).to.deep.equal([true, true]);
        expect(findResource(c, "NetworkPolicy", "default-deny-egress").protect).to.equal(false);
    });

    it("without protect/retainOnDelete arguments, its Namespace inherits the component's options", async () => {
        const c = await captureResources(() => { new IsolatedNamespace("demo", { name: "demo-ns" }, { protect: true, retainOnDelete: true }); });
        const ns = findResource(c, "Namespace", "demo-ns");
        expect([ns.protect, ns.retainOnDelete]).to.deep.equal([true, true]);
    });

    it("creates its policies after its Namespace", async () => {
        const c = await captureResources(() => { new IsolatedNamespace("demo", { name: "demo-ns" }); });
        const ns = findResource(c, "Namespace", "demo-ns");
        for (const name of policyNames(c)) {
            expect(findResource(c, "NetworkPolicy", name).dependencies, name).to.include(ns.urn);
        }
    });

    it("makes a workload in it wait for the namespace and its default-deny policies", async () => {
        const c = await captureResources(() => {
            const ns = new IsolatedNamespace("demo", { name: "demo-ns" });
            new NginxService("nginx", { namespace: ns });
        });
        const deployment = findResource(c, "Deployment", "nginx");
        for (const [kind, name] of [["Namespace", "demo-ns"], ["NetworkPolicy", "default-deny-ingress"], ["NetworkPolicy", "default-deny-egress"]] as const) {
            expect(deployment.dependencies, `${kind} ${name}`).to.include(findResource(c, kind, name).urn);
        }
    });
});

describe("composing two IsolatedNamespaces in one program", () => {
    it("gives every resource a distinct URN and each namespace its own policies", async () => {
        const c = await captureResources(() => {
            for (const team of ["team-a", "team-b"]) {
                const ns = new IsolatedNamespace(team, { name: team });
                const web = new NginxService(`${team}-web`, { namespace: ns, allowIngressFromNamespace: true });
                new EgressAllowlist(`${team}-egress`, { namespace: ns.name, entries: [{ name: "to-web", to: [web] }] });
            }
        });
        const urns = c.resources.map((r) => r.urn);
        expect(new Set(urns).size).to.equal(urns.length);
        for (const team of ["team-a", "team-b"]) {
            const inTeam = manifestsOf(c.resources).filter((m) => m.object.metadata.namespace === team).map((m) => `${m.object.kind}/${m.object.metadata.name}`).sort();
            expect(inTeam).to.deep.equal([
                "Deployment/nginx", "NetworkPolicy/access-nginx", "NetworkPolicy/allow-dns-access", "NetworkPolicy/default-deny-egress",
                "NetworkPolicy/default-deny-ingress", "NetworkPolicy/to-web", "Service/nginx",
            ]);
        }
    });
});
