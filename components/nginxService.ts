import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as kx from "@pulumi/kubernetesx";
import { childOptions, LabelSelector, MANAGED_BY_LABELS, NamespaceTarget, resolveNamespace, typeToken } from "./common";
import { PeerArgs, PeerSource } from "./peers";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** Arguments of {@link NginxService}. */
export interface NginxServiceArgs {
    /** Namespace name, or an {@link IsolatedNamespace}: then the Deployment waits for its default-deny policies. */
    readonly namespace: NamespaceTarget;
    /** metadata.name of the Deployment and the Service; clients reach it by this name. @default "nginx" */
    readonly name?: string;
    /** Number of nginx pods. @default 2 */
    readonly replicas?: number;
    /** Container image, pinned to a version. @default "nginx:1.27.3" */
    readonly image?: string;
    /** Labels of the pods, which the Deployment, the Service and the policies all select by. @default {run: "<name>"} */
    readonly podLabels?: Readonly<Record<string, string>>;
    /** Allow ingress to nginx from every pod of its namespace (the tutorial's `access-nginx`). @default false */
    readonly allowIngressFromNamespace?: boolean;
    /** Annotate the Deployment and the Service `pulumi.com/skipAwait`, for clusters with no nodes (tests only). @default false */
    readonly skipAwait?: boolean;
}

/** Default image: a pinned nginx release. */
export const NGINX_IMAGE = "nginx:1.27.3";
/** Port nginx listens on and the Service exposes. */
export const HTTP_PORT = 80;
/** Name of the container port, usable in NetworkPolicy ports. */
export const HTTP_PORT_NAME = "http";
/** metadata.name of the ingress policy, as the tutorial names it. */
export const ACCESS_NGINX_POLICY = "access-nginx";

/**
 * The tutorial's nginx: a Deployment (built with kubernetesx) and a Service on port 80, its pods labelled
 * `run: nginx` as `kubectl run` labels them, and optionally the `access-nginx` policy letting the pods of
 * its namespace in. Use {@link NginxService.asPeer} to allow traffic to it from other policies.
 */
export class NginxService extends pulumi.ComponentResource implements PeerSource {
    /** The Deployment. */
    public readonly deployment: kx.Deployment;
    /** The Service, named like the Deployment. */
    public readonly service: kx.Service;
    /** `access-nginx`, when ingress from the namespace is allowed. */
    public readonly accessPolicy?: k8s.networking.v1.NetworkPolicy;
    /** Labels of the pods; the single source of what selects them. */
    public readonly podLabels: Readonly<Record<string, string>>;
    /** Selector of the pods, for other policies. */
    public readonly podSelector: LabelSelector;
    /** Name clients resolve (the Service's metadata.name). */
    public readonly serviceName: pulumi.Output<string>;
    /** Namespace of the pods, so that policies in other namespaces can select them. */
    public readonly peerNamespace: pulumi.Output<string>;

    constructor(name: string, args: NginxServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = (field: string) => `NginxService(${name}).${field}`;
        const appName = args.name === undefined ? "nginx" : check.dnsLabel(key("name"), args.name);
        const replicas = args.replicas === undefined ? 2 : check.integer(key("replicas"), args.replicas, 1, 1000);
        const image = args.image === undefined ? NGINX_IMAGE : check.pinnedImage(key("image"), args.image);
        const podLabels = args.podLabels === undefined ? { run: appName } : check.labels(key("podLabels"), args.podLabels);
        if (Object.keys(podLabels).length === 0) {
            throw new InputError(key("podLabels"), args.podLabels, "at least one label: the Deployment and the Service select the pods by them");
        }
        const allowIngress = args.allowIngressFromNamespace === undefined ? false
            : check.boolean(key("allowIngressFromNamespace"), args.allowIngressFromNamespace);
        const skipAwait = args.skipAwait === undefined ? false : check.boolean(key("skipAwait"), args.skipAwait);
        super(typeToken("NginxService"), name, {}, opts);

        const namespace = resolveNamespace(args.namespace);
        this.peerNamespace = pulumi.output(namespace.name);
        this.podLabels = podLabels;
        this.podSelector = { matchLabels: { ...podLabels } };

        // Pulumi waits for a Service's endpoints too: with skipAwait, neither waits for pods that never run.
        const awaitAnnotations = skipAwait ? { annotations: { "pulumi.com/skipAwait": "true" } } : {};

        // kx's PodBuilder labels pods `app: <container name>` and selects by it; the tutorial's pods carry
        // `run: nginx`. Replace kx's labels with podLabels so one value drives Deployment, Service and policies.
        const pod = new kx.PodBuilder({
            containers: [{ name: appName, image, ports: { [HTTP_PORT_NAME]: HTTP_PORT } }],
        });
        const spec = pod.asDeploymentSpec({ replicas }).apply((s) => ({
            ...s,
            selector: { matchLabels: { ...podLabels } },
            template: { metadata: { labels: { ...podLabels } }, spec: pod.podSpec },
        }));
        this.deployment = new kx.Deployment(`${name}-deployment`, {
            metadata: {
                name: appName,
                namespace: namespace.name,
                labels: { ...podLabels, ...MANAGED_BY_LABELS },
                ...awaitAnnotations,
            },
            spec,
        }, childOptions(this, { dependsOn: namespace.dependsOn }));

        // kx's Deployment.createService cannot set metadata.name (the tutorial's clients resolve `nginx`),
        // so the Service is a kx.Service selecting the same podLabels.
        this.service = new kx.Service(`${name}-service`, {
            metadata: { name: appName, namespace: namespace.name, labels: { ...podLabels, ...MANAGED_BY_LABELS }, ...awaitAnnotations },
            spec: {
                type: kx.types.ServiceType.ClusterIP,
                selector: { ...podLabels },
                ports: [{ name: HTTP_PORT_NAME, port: HTTP_PORT, targetPort: HTTP_PORT_NAME, protocol: "TCP" }],
            },
        }, childOptions(this, { dependsOn: namespace.dependsOn }));
        this.serviceName = this.service.metadata.name;

        this.accessPolicy = allowIngress
            ? new k8s.networking.v1.NetworkPolicy(`${name}-${ACCESS_NGINX_POLICY}`, {
                metadata: { name: ACCESS_NGINX_POLICY, namespace: namespace.name, labels: { ...MANAGED_BY_LABELS } },
                spec: { podSelector: this.podSelector, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
            }, childOptions(this, { dependsOn: namespace.dependsOn }))
            : undefined;
        this.registerOutputs({ serviceName: this.serviceName, podLabels });
    }

    /** The peer selecting this service's pods; a policy in another namespace also gets a selector of their namespace. */
    public asPeer(): PeerArgs {
        return { podSelector: this.podSelector };
    }
}
