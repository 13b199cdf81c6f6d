import { expect } from "chai";
import { tryCaptureProgram, captureResources } from "../../plan/capture";
import { InputError } from "../../validation/errors";
import { AllowDns, DefaultDeny, EgressAllowlist, IsolatedNamespace, NginxService } from "../../components";

const P = "calico-advanced-policy";

/** Each bad stack config value with the one message it must produce. */
const BAD_CONFIG: [string, Record<string, unknown>, string][] = [
    ["a stage out of range", { stage: 7 }, `${P}:stage: 7 is not allowed: one of 1, 2, 3, 4, 5, 6`],
    ["a stage that is not a number", { stage: "final" }, `${P}:stage: "final" is not allowed: a value of the declared type (see Pulumi.yaml); this one does not parse`],
    ["an upper-case namespace", { namespace: "Advanced_Policy" }, `${P}:namespace: "Advanced_Policy" is not allowed: a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`],
    ["a namespace of 64 characters", { namespace: "a".repeat(64) }, `${P}:namespace: "${"a".repeat(64)}" is not allowed: a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`],
    ["a Kubernetes system namespace", { namespace: "kube-system" }, `${P}:namespace: "kube-system" is not allowed: a namespace of your own, not one of Kubernetes' (default, kube-system, kube-public, kube-node-lease): isolating it would cut off cluster DNS or the control plane`],
    ["an allowlist entry named like a tutorial policy", { egressAllowlist: [{ name: "allow-dns-access", to: [{ pods: { a: "b" } }] }] }, `${P}:egressAllowlist: ["allow-dns-access"] is not allowed: names other than the tutorial's own policies (default-deny-ingress, access-nginx, default-deny-egress, allow-dns-access, allow-egress-to-advance-policy-ns): two policies of one name would collide`],
    ["a label key with a space", { namespaceLabels: { "bad key": "x" } }, `${P}:namespaceLabels (label key): "bad key" is not allowed: a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`],
    ["a label value with a slash", { namespaceLabels: { team: "a/b" } }, `${P}:namespaceLabels.team: "a/b" is not allowed: a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`],
    ["zero replicas", { nginxReplicas: 0 }, `${P}:nginxReplicas: 0 is not allowed: a whole number from 1 to 100`],
    ["fractional replicas", { nginxReplicas: 2.5 }, `${P}:nginxReplicas: 2.5 is not allowed: a whole number from 1 to 100`],
    ["an unpinned image", { nginxImage: "nginx" }, `${P}:nginxImage: "nginx" is not allowed: an image pinned to a version, e.g. nginx:1.27.3 or nginx@sha256:<digest> (no missing tag, no 'latest')`],
    ["the latest tag", { nginxImage: "nginx:latest" }, `${P}:nginxImage: "nginx:latest" is not allowed: an image pinned to a version, e.g. nginx:1.27.3 or nginx@sha256:<digest> (no missing tag, no 'latest')`],
    ["a DNS protocol DNS is not served on", { dnsProtocols: ["SCTP"] }, `${P}:dnsProtocols[0]: "SCTP" is not allowed: one of "UDP", "TCP"`],
    ["a lower-case protocol", { dnsProtocols: ["udp"] }, `${P}:dnsProtocols[0]: "udp" is not allowed: one of "UDP", "TCP"`],
    ["no DNS protocol", { dnsProtocols: [] }, `${P}:dnsProtocols: [] is not allowed: a list with at least one element`],
    ["a repeated DNS protocol", { dnsProtocols: ["UDP", "UDP"] }, `${P}:dnsProtocols: ["UDP","UDP"] is not allowed: a list without repeats ("UDP" appears twice)`],
    ["an unknown kube-system selector", { dnsKubeSystemSelector: "name" }, `${P}:dnsKubeSystemSelector: "name" is not allowed: one of "metadata-name", "name-label"`],
    ["a NodeLocal DNS address that is not an address", { nodeLocalDnsAddress: "169.254.20" }, `${P}:nodeLocalDnsAddress: "169.254.20" is not allowed: an IPv4 address such as 169.254.20.10 or an IPv6 address such as fd00::10`],
    ["a protect flag that is not a boolean", { protectNamespace: "yes" }, `${P}:protectNamespace: "yes" is not allowed: a value of the declared type (see Pulumi.yaml); this one does not parse`],
    ["a CIDR with host bits", { egressAllowlist: [{ name: "x", to: [{ cidr: "10.0.0.1/8" }] }] }, `${P}:egressAllowlist[0].to[0].cidr: "10.0.0.1/8" is not allowed: a CIDR such as 10.0.0.0/8 or fd00::/8, with no host bits set (did you mean 10.0.0.0/8?)`],
    ["an address without prefix length", { egressAllowlist: [{ name: "x", to: [{ cidr: "192.0.2.7" }] }] }, `${P}:egressAllowlist[0].to[0].cidr: "192.0.2.7" is not allowed: a CIDR such as 10.0.0.0/8 or fd00::/8 (did you mean 192.0.2.7/32?)`],
    ["an except outside its CIDR", { egressAllowlist: [{ name: "x", to: [{ cidr: "10.0.0.0/8", except: ["192.168.0.0/16"] }] }] }, `${P}:egressAllowlist[0].to[0].ipBlock.except[0]: "192.168.0.0/16" is not allowed: a CIDR strictly inside 10.0.0.0/8`],
    ["a port out of range", { egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }], ports: [{ port: 70000 }] }] }, `${P}:egressAllowlist[0].ports[0].port: 70000 is not allowed: a port number from 1 to 65535, or a port name of at most 15 lowercase letters, digits and single '-', with at least one letter`],
    ["an endPort below its port", { egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }], ports: [{ port: 9000, endPort: 8000 }] }] }, `${P}:egressAllowlist[0].ports[0].endPort: 8000 is not allowed: a port not below port 9000`],
    ["an endPort with a named port", { egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }], ports: [{ port: "http", endPort: 8000 }] }] }, `${P}:egressAllowlist[0].ports[0].endPort: 8000 is not allowed: an endPort only together with a numeric port`],
    ["an unknown protocol in a port", { egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }], ports: [{ port: 80, protocol: "ICMP" }] }] }, `${P}:egressAllowlist[0].ports[0].protocol: "ICMP" is not allowed: one of "TCP", "UDP", "SCTP"`],
    ["an entry with no destination", { egressAllowlist: [{ name: "x", to: [] }] }, `${P}:egressAllowlist[0].to: [] is not allowed: at least one destination (an empty list would allow every destination)`],
    ["two entries of one name", { egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }] }, { name: "x", to: [{ pods: { a: "c" } }] }] }, `${P}:egressAllowlist[1].name: "x" is not allowed: a name not used by another entry`],
    ["an unknown key in an entry", { egressAllowlist: [{ name: "x", destination: [] }] }, `${P}:egressAllowlist[0].destination: [] is not allowed: no such key: allowed keys are name, podLabels, to, ports`],
    ["cidr and pods in one destination", { egressAllowlist: [{ name: "x", to: [{ cidr: "10.0.0.0/8", pods: { a: "b" } }] }] }, `${P}:egressAllowlist[0].to[0]: {"cidr":"10.0.0.0/8","pods":{"a":"b"}} is not allowed: either cidr (with optional except), or pods and/or namespaces, not both`],
    ["allowlist entries before egress is isolated", { stage: 3, egressAllowlist: [{ name: "x", to: [{ pods: { a: "b" } }] }] }, `${P}:egressAllowlist: ["x"] is not allowed: no entries before stage 4 (stage is 3): egress is not isolated yet, and an egress allowance would isolate it by itself`],
    ["a misspelt key", { stages: 5 }, `${P}:stages: "5" is not allowed: a known key; the keys are stage, namespace, namespaceLabels, nginxReplicas, nginxImage, protectNamespace, retainNamespaceOnDelete, allowDns, dnsProtocols, dnsKubeSystemSelector, nodeLocalDnsAddress, egressAllowlist, skipAwait`],
];

describe("stack config: every bad value gets one clear error and nothing is registered", () => {
    for (const [what, overrides, message] of BAD_CONFIG) {
        it(`rejects ${what}`, async () => {
            const { capture, error } = await tryCaptureProgram({ stack: "dev", overrides });
            expect(error).to.be.instanceOf(InputError);
            expect((error as Error).message).to.equal(message);
            expect(capture.resources).to.deep.equal([]);
        });
    }

    it("is a pulumi.RunError, which the CLI prints without a stack trace", async () => {
        const { error } = await tryCaptureProgram({ stack: "dev", overrides: { stage: 0 } });
        const pulumi = await import("@pulumi/pulumi");
        expect(pulumi.RunError.isInstance(error)).to.equal(true);
    });
});

describe("component arguments: bad input fails before the component registers anything", () => {
    const cases: [string, () => void, string][] = [
        ["IsolatedNamespace with a bad name", () => new IsolatedNamespace("x", { name: "Bad" }),
            `IsolatedNamespace(x).name: "Bad" is not allowed: a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`],
        ["IsolatedNamespace with DNS but open egress", () => new IsolatedNamespace("x", { name: "x", denyEgress: false, allowDns: true }),
            "IsolatedNamespace(x).allowDns: true is not allowed: false while denyEgress is false: a DNS allowance is an egress policy, so it would isolate every pod for egress by itself"],
        ["IsolatedNamespace whose DNS policy is named like its default-deny", () => new IsolatedNamespace("x", { name: "x", allowDns: { policyName: "default-deny-egress" } }),
            `IsolatedNamespace(x).policy names: ["default-deny-ingress","default-deny-egress","default-deny-egress"] is not allowed: names used once each ("default-deny-egress" would name two NetworkPolicies in one namespace)`],
        ["DefaultDeny denying nothing", () => new DefaultDeny("x", { namespace: "x", ingress: false, egress: false }),
            `DefaultDeny(x): {"ingress":false,"egress":false} is not allowed: at least one of ingress and egress set to true`],
        ["AllowDns with SCTP", () => new AllowDns("x", { namespace: "x", protocols: ["SCTP" as "UDP"] }),
            `AllowDns(x).protocols[0]: "SCTP" is not allowed: one of "UDP", "TCP"`],
        ["EgressAllowlist with a bad matchExpressions operator", () => new EgressAllowlist("x", {
            namespace: "x", entries: [{ name: "e", to: [{ podSelector: { matchExpressions: [{ key: "a", operator: "Equals" as "In", values: ["b"] }] } }] }],
        }), `EgressAllowlist(x).entries[0].to[0].podSelector.matchExpressions[0].operator: "Equals" is not allowed: one of "In", "NotIn", "Exists", "DoesNotExist"`],
        ["EgressAllowlist with In and no values", () => new EgressAllowlist("x", {
            namespace: "x", entries: [{ name: "e", to: [{ podSelector: { matchExpressions: [{ key: "a", operator: "In" }] } }] }],
        }), "EgressAllowlist(x).entries[0].to[0].podSelector.matchExpressions[0].values: undefined is not allowed: at least one value with operator In"],
        ["NginxService with 0 replicas", () => new NginxService("x", { namespace: "x", replicas: 0 }),
            "NginxService(x).replicas: 0 is not allowed: a whole number from 1 to 1000"],
        ["NginxService with no pod labels", () => new NginxService("x", { namespace: "x", podLabels: {} }),
            "NginxService(x).podLabels: {} is not allowed: at least one label: the Deployment and the Service select the pods by them"],
    ];
    for (const [what, declare, message] of cases) {
        it(`rejects ${what}`, async () => {
            let error: unknown;
            const capture = await captureResources(() => {
                try {
                    declare();
                } catch (e) {
                    error = e;
                }
            });
            expect((error as Error | undefined)?.message).to.equal(message);
            expect(capture.resources).to.deep.equal([]);
        });
    }
});
