import { expect } from "chai";
import * as kx from "@pulumi/kubernetesx";
import { captureResources } from "../../plan/capture";

// @pulumi/kubernetesx 0.1.6 declares a peer dependency on @pulumi/kubernetes ^3; package.json's
// `overrides` makes it use the project's v4. These tests prove the parts we use work on v4.
describe("@pulumi/kubernetesx on @pulumi/kubernetes v4", () => {
    it("resolves to the project's @pulumi/kubernetes v4, not a v3 copy of its own", () => {
        const kxK8s = require.resolve("@pulumi/kubernetes/package.json", { paths: [require.resolve("@pulumi/kubernetesx")] });
        const version = (require(kxK8s) as { version: string }).version;
        expect(version).to.match(/^4\./);
        expect(kxK8s).to.equal(require.resolve("@pulumi/kubernetes/package.json"));
    });

    it("PodBuilder + kx.Deployment register an apps/v1 Deployment with the built pod spec", async () => {
        const c = await captureResources(() => {
            const pod = new kx.PodBuilder({ containers: [{ name: "web", image: "nginx:1.27.3", ports: { http: 8080 }, env: { MODE: "x" } }] });
            new kx.Deployment("web", { metadata: { name: "web", namespace: "ns" }, spec: pod.asDeploymentSpec({ replicas: 3 }) });
        });
        const d = c.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
        expect(d.inputs.spec).to.deep.equal({
            replicas: 3,
            selector: { matchLabels: { app: "web" } },
            template: {
                metadata: { labels: { app: "web" } },
                spec: {
                    containers: [{ name: "web", image: "nginx:1.27.3", ports: [{ name: "http", containerPort: 8080 }], env: [{ name: "MODE", value: "x" }], volumeMounts: [] }],
                    initContainers: [], volumes: [],
                },
            },
        });
    });

    it("kx.Service turns a port map into ServicePorts", async () => {
        const c = await captureResources(() => {
            new kx.Service("svc", { metadata: { name: "svc", namespace: "ns" }, spec: { ports: { http: 80 }, selector: { app: "web" } } });
        });
        const s = c.resources.find((r) => r.type === "kubernetes:core/v1:Service")!;
        expect(s.inputs.spec).to.deep.equal({ ports: [{ name: "http", port: 80 }], selector: { app: "web" } });
    });

    it("Deployment.createService works on v4 but cannot set metadata.name, which is why NginxService builds its Service itself", async () => {
        const c = await captureResources(() => {
            const pod = new kx.PodBuilder({ containers: [{ name: "web", image: "nginx:1.27.3", ports: { http: 80 } }] });
            new kx.Deployment("web", { metadata: { namespace: "ns" }, spec: pod.asDeploymentSpec() }).createService();
        });
        const s = c.resources.find((r) => r.type === "kubernetes:core/v1:Service")!;
        expect(s.inputs.metadata).to.deep.equal({ namespace: "ns" });
        expect(s.inputs.spec).to.deep.include({ selector: { app: "web" }, ports: [{ name: "http", port: 80 }] });
    });
});
