/**
 * One peer abstraction for the components: a pod selector, a namespace selector (alone or AND-ed with a
 * pod selector), an IP block, or one of our components that stands for its pods all become a Kubernetes
 * `NetworkPolicyPeer` through {@link toNetworkPolicyPeer}; ports likewise through {@link toNetworkPolicyPorts}.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { LabelSelector, NAMESPACE_NAME_LABEL } from "./common";
import { InputError } from "../validation/errors";
import * as check from "../validation/rules";

/** Pods selected by labels; with `namespaceSelector` too, only those pods in the matching namespaces (AND). */
export interface PodPeerArgs {
    /** Pods to allow; an empty selector means every pod. Alone, it selects pods in the policy's own namespace. */
    readonly podSelector: pulumi.Input<LabelSelector>;
    /** Namespaces to look for the pods in. @default the policy's own namespace */
    readonly namespaceSelector?: pulumi.Input<LabelSelector>;
}

/** Every pod of the namespaces selected by labels. */
export interface NamespacePeerArgs {
    /** Namespaces whose pods are allowed; an empty selector means every namespace. */
    readonly namespaceSelector: pulumi.Input<LabelSelector>;
}

/** Addresses in a CIDR, minus exceptions; for destinations outside the cluster. */
export interface IpBlockPeerArgs {
    /** The block, e.g. `10.0.0.0/8` or `fd00::/8`, and the sub-blocks it does not cover. */
    readonly ipBlock: { readonly cidr: string; readonly except?: readonly string[] };
}

/** A peer of a NetworkPolicy rule, in the Kubernetes vocabulary. */
export type PeerArgs = PodPeerArgs | NamespacePeerArgs | IpBlockPeerArgs;

/** A component that can stand for its pods in a rule, e.g. {@link NginxService}. */
export interface PeerSource {
    /** The peer that selects this component's pods, as seen from a policy in their own namespace. */
    asPeer(): PeerArgs;
    /** Namespace of the pods: a policy elsewhere selects it too (by `kubernetes.io/metadata.name`). */
    readonly peerNamespace?: pulumi.Input<string>;
}

/** A port of a NetworkPolicy rule. */
export interface PortArgs {
    /** Port number or container port name. @default every port of the protocol */
    readonly port?: number | string;
    /** Last port of a range starting at `port` (a number). */
    readonly endPort?: number;
    /** @default "TCP" */
    readonly protocol?: check.Protocol;
}

/**
 * Turns a peer, or a component standing for its pods, into a Kubernetes `NetworkPolicyPeer` of a policy in
 * `policyNamespace`. A component's pods in another namespace are selected with their namespace (AND), so the
 * peer never silently means same-named pods of the policy's own namespace.
 */
export function toNetworkPolicyPeer(
    peer: PeerArgs | PeerSource, policyNamespace: pulumi.Input<string>,
): pulumi.Input<k8s.types.input.networking.v1.NetworkPolicyPeer> {
    if (isPeerSource(peer) && peer.peerNamespace !== undefined) {
        const local = plainPeer(peer.asPeer());
        return pulumi.all([policyNamespace, peer.peerNamespace]).apply(([here, there]) => (here === there
            ? local
            : { ...local, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: there } } }));
    }
    return plainPeer(isPeerSource(peer) ? peer.asPeer() : peer);
}

function plainPeer(p: PeerArgs): k8s.types.input.networking.v1.NetworkPolicyPeer {
    if ("ipBlock" in p) {
        return { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except?.length ? { except: [...p.ipBlock.except] } : {}) } };
    }
    if ("podSelector" in p) {
        return { podSelector: p.podSelector, ...(p.namespaceSelector !== undefined ? { namespaceSelector: p.namespaceSelector } : {}) };
    }
    return { namespaceSelector: p.namespaceSelector };
}

/** Turns ports into Kubernetes `NetworkPolicyPort`s, spelling the protocol out (TCP when not given). */
export function toNetworkPolicyPorts(ports: readonly PortArgs[]): k8s.types.input.networking.v1.NetworkPolicyPort[] {
    return ports.map((p) => ({
        protocol: p.protocol ?? "TCP",
        ...(p.port !== undefined ? { port: p.port } : {}),
        ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
    }));
}

/** Whether a value is a component that stands for its pods. */
export function isPeerSource(peer: PeerArgs | PeerSource): peer is PeerSource {
    return typeof (peer as Partial<PeerSource>).asPeer === "function";
}

/** Checks a label selector given as a plain value; an Output is checked by whoever produced it. */
export function checkSelector(key: string, selector: pulumi.Input<LabelSelector> | undefined): void {
    if (selector === undefined || pulumi.Output.isInstance(selector) || selector instanceof Promise) {
        return;
    }
    const s = check.objectWithKeys(key, selector, ["matchLabels", "matchExpressions"]);
    if (s.matchLabels !== undefined && !pulumi.Output.isInstance(s.matchLabels)) {
        check.labels(`${key}.matchLabels`, s.matchLabels);
    }
    if (s.matchExpressions !== undefined) {
        check.list(`${key}.matchExpressions`, s.matchExpressions, (k, e) => {
            const expr = check.objectWithKeys(k, e, ["key", "operator", "values"]);
            check.labelKey(`${k}.key`, expr.key);
            const op = check.oneOf(`${k}.operator`, expr.operator, ["In", "NotIn", "Exists", "DoesNotExist"] as const);
            const values = expr.values === undefined ? [] : check.list(`${k}.values`, expr.values, check.labelValue);
            if ((op === "In" || op === "NotIn") && values.length === 0) {
                throw new InputError(`${k}.values`, expr.values, `at least one value with operator ${op}`);
            }
            if ((op === "Exists" || op === "DoesNotExist") && values.length > 0) {
                throw new InputError(`${k}.values`, expr.values, `no values with operator ${op}`);
            }
        });
    }
}

/** Checks a peer's plain parts: selectors, CIDR and exceptions inside it. */
export function checkPeer(key: string, peer: PeerArgs | PeerSource): void {
    if (isPeerSource(peer)) {
        return;
    }
    if ("ipBlock" in peer) {
        const block = check.objectWithKeys(`${key}.ipBlock`, peer.ipBlock, ["cidr", "except"]);
        const cidr = check.cidr(`${key}.ipBlock.cidr`, block.cidr);
        const except = block.except === undefined ? [] : check.list(`${key}.ipBlock.except`, block.except, check.cidr);
        except.forEach((e, i) => {
            if (!check.cidrContains(cidr, e) || e === cidr) {
                throw new InputError(`${key}.ipBlock.except[${i}]`, e, `a CIDR strictly inside ${cidr}`);
            }
        });
        if ("podSelector" in peer || "namespaceSelector" in peer) {
            throw new InputError(key, peer, "either ipBlock, or podSelector and/or namespaceSelector, not both");
        }
        return;
    }
    if (!("podSelector" in peer) && !("namespaceSelector" in peer)) {
        throw new InputError(key, peer, "a peer with podSelector, namespaceSelector or ipBlock");
    }
    checkSelector(`${key}.podSelector`, (peer as Partial<PodPeerArgs>).podSelector);
    checkSelector(`${key}.namespaceSelector`, peer.namespaceSelector);
}

/** Checks ports: numbers in range, names well formed, `endPort` only after a numeric `port` and not below it. */
export function checkPorts(key: string, ports: readonly PortArgs[]): void {
    ports.forEach((p, i) => {
        const k = `${key}[${i}]`;
        check.objectWithKeys(k, p, ["port", "endPort", "protocol"]);
        if (p.protocol !== undefined) {
            check.protocol(`${k}.protocol`, p.protocol);
        }
        const port = p.port === undefined ? undefined : check.portOrName(`${k}.port`, p.port);
        if (p.endPort !== undefined) {
            const end = check.port(`${k}.endPort`, p.endPort);
            if (typeof port !== "number") {
                throw new InputError(`${k}.endPort`, p.endPort, "an endPort only together with a numeric port");
            }
            if (end < port) {
                throw new InputError(`${k}.endPort`, p.endPort, `a port not below port ${port}`);
            }
        }
    });
}
