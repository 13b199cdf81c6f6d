/**
 * The tutorial "Controlling ingress and egress traffic with network policy" as a Pulumi program: the
 * stack config's `stage` selects which of the tutorial's steps are in force. Every key is checked before
 * any resource is registered.
 */
import { EgressAllowlist, IsolatedNamespace, NginxService } from "./components";
import { loadStackConfig } from "./config/stackConfig";
import { EGRESS_TO_NGINX_POLICY, stageFeatures } from "./tutorial/stages";

const config = loadStackConfig();
const features = stageFeatures(config.stage);

const namespace = new IsolatedNamespace("advanced-policy-demo", {
    name: config.namespace,
    labels: config.namespaceLabels,
    denyIngress: features.denyIngress,
    denyEgress: features.denyEgress,
    allowDns: features.allowDns && config.allowDns
        ? {
            protocols: config.dnsProtocols,
            kubeSystemSelection: config.dnsKubeSystemSelector,
            ...(config.nodeLocalDnsAddress !== undefined ? { nodeLocalDnsAddress: config.nodeLocalDnsAddress } : {}),
        }
        : false,
    egressAllowlist: config.egressAllowlist,
    protect: config.protectNamespace,
    retainOnDelete: config.retainNamespaceOnDelete,
});

const nginx = new NginxService("nginx", {
    namespace,
    replicas: config.nginxReplicas,
    image: config.nginxImage,
    allowIngressFromNamespace: features.accessNginx,
    skipAwait: config.skipAwait,
});

if (features.egressToNginx) {
    new EgressAllowlist("egress-to-nginx", {
        namespace: namespace.name,
        entries: [{ name: EGRESS_TO_NGINX_POLICY, to: [nginx] }],
    });
}

/** The stage the stack declares. */
export const stage = config.stage;
/** Name of the isolated namespace. */
export const namespaceName = namespace.name;
/** Name clients resolve to reach nginx. */
export const nginxServiceName = nginx.serviceName;
/** Labels selecting the nginx pods. */
export const nginxPodSelector = nginx.podSelector;
