/**
 * One checker per concept for values that reach Kubernetes objects: names, labels, ports, protocols,
 * addresses, image references. Each returns the value typed, or throws one {@link InputError} naming the
 * key, the value and what is allowed. Stack config and component arguments both go through these, so a
 * rule is written once.
 */
import * as ipaddr from "ipaddr.js";
import {
    validateCidr, validateDns1123Label, validateIpAddress, validateLabelKey, validateLabelValue, validatePortName, validatePortNumber,
} from "@calico-advanced-policy/reachability";
import { InputError } from "./errors";
import { imagePinProblem } from "../policy-pack/lib/images";

/** The transport protocols a NetworkPolicy port may name. */
export type Protocol = "TCP" | "UDP" | "SCTP";

/** Every protocol NetworkPolicy knows, in the order error messages list them. */
export const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];

/** Whether a value is a string the engine's Kubernetes validator accepts (the rules live there, once). */
function valid(value: unknown, validator: (v: string) => string | undefined): value is string {
    return typeof value === "string" && validator(value) === undefined;
}

/** A DNS-1123 label, as Kubernetes requires of namespace and most object names. */
export function dnsLabel(key: string, value: unknown): string {
    if (!valid(value, validateDns1123Label)) {
        throw new InputError(key, value,
            "a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
    return value;
}

/** Namespaces Kubernetes itself runs on; isolating them cuts the cluster off from DNS and its control plane. */
export const SYSTEM_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** A namespace this project may create and isolate: a DNS-1123 label, not one of Kubernetes' own. */
export function isolatableNamespace(key: string, value: unknown): string {
    const name = dnsLabel(key, value);
    if (SYSTEM_NAMESPACES.includes(name)) {
        throw new InputError(key, value, `a namespace of your own, not one of Kubernetes' (${SYSTEM_NAMESPACES.join(", ")}): isolating it would cut off cluster DNS or the control plane`);
    }
    return name;
}

/** Names that become one Kubernetes object each must not repeat: the second object would collide with the first. */
export function uniqueNames(key: string, names: readonly string[]): void {
    const seen = new Set<string>();
    for (const name of names) {
        if (seen.has(name)) {
            throw new InputError(key, names, `names used once each (${JSON.stringify(name)} would name two NetworkPolicies in one namespace)`);
        }
        seen.add(name);
    }
}

/** A label key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKey(key: string, value: unknown): string {
    if (!valid(value, validateLabelKey)) {
        throw new InputError(key, value,
            "a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    return value;
}

/** A label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric. */
export function labelValue(key: string, value: unknown): string {
    if (!valid(value, validateLabelValue)) {
        throw new InputError(key, value,
            "a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    return value;
}

/** A map of label keys to label values, each checked. */
export function labels(key: string, value: unknown): Record<string, string> {
    if (!isPlainObject(value)) {
        throw new InputError(key, value, "a map of label keys to string values, e.g. {team: platform}");
    }
    const result: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
        labelKey(`${key} (label key)`, k);
        result[k] = labelValue(`${key}.${k}`, v);
    }
    return result;
}

/** A whole number within [min, max]. */
export function integer(key: string, value: unknown, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new InputError(key, value, `a whole number from ${min} to ${max}`);
    }
    return value;
}

/** A TCP/UDP/SCTP port number, 1 to 65535. */
export function port(key: string, value: unknown): number {
    if (!isPortNumber(value)) {
        throw new InputError(key, value, "a port number from 1 to 65535");
    }
    return value;
}

/** A port number, or an IANA_SVC_NAME naming a container port (at most 15 characters, at least one letter). */
export function portOrName(key: string, value: unknown): number | string {
    if (!valid(value, validatePortName) && !isPortNumber(value)) {
        throw new InputError(key, value,
            "a port number from 1 to 65535, or a port name of at most 15 lowercase letters, digits and single '-', with at least one letter");
    }
    return value;
}

function isPortNumber(value: unknown): value is number {
    return typeof value === "number" && validatePortNumber(value) === undefined;
}

/** One of the given choices, compared exactly. */
export function oneOf<T extends string | number | boolean>(key: string, value: unknown, choices: readonly T[]): T {
    const found = choices.find((c) => c === value);
    if (found === undefined) {
        throw new InputError(key, value, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`);
    }
    return found;
}

/** A NetworkPolicy protocol. */
export function protocol(key: string, value: unknown): Protocol {
    return oneOf(key, value, PROTOCOLS);
}

/** A boolean. */
export function boolean(key: string, value: unknown): boolean {
    if (typeof value !== "boolean") {
        throw new InputError(key, value, "true or false");
    }
    return value;
}

/** A list, each element checked by `item` with its index in the key. */
export function list<T>(key: string, value: unknown, item: (key: string, value: unknown) => T): T[] {
    if (!Array.isArray(value)) {
        throw new InputError(key, value, "a list");
    }
    return value.map((v, i) => item(`${key}[${i}]`, v));
}

/** A list without repeats, e.g. of protocols; at least one element. */
export function nonEmptyUniqueList<T>(key: string, value: unknown, item: (key: string, value: unknown) => T): T[] {
    const items = list(key, value, item);
    if (items.length === 0) {
        throw new InputError(key, value, "a list with at least one element");
    }
    const seen = new Set<T>();
    for (const v of items) {
        if (seen.has(v)) {
            throw new InputError(key, value, `a list without repeats (${JSON.stringify(v)} appears twice)`);
        }
        seen.add(v);
    }
    return items;
}

/** A single IPv4 or IPv6 address, in the form Kubernetes accepts. */
export function ipAddress(key: string, value: unknown): string {
    if (!valid(value, validateIpAddress)) {
        throw new InputError(key, value, "an IPv4 address such as 169.254.20.10 or an IPv6 address such as fd00::10");
    }
    return value;
}

/**
 * A CIDR in canonical form (no host bits set), IPv4 or IPv6. Kubernetes ignores host bits; a stack config
 * that sets them is more likely a typo, so it is refused with the canonical block suggested.
 */
export function cidr(key: string, value: unknown): string {
    const allowed = "a CIDR such as 10.0.0.0/8 or fd00::/8";
    if (!valid(value, validateCidr)) {
        const hint = valid(value, validateIpAddress) ? ` (did you mean ${value}/${value.includes(":") ? 128 : 32}?)` : "";
        throw new InputError(key, value, allowed + hint);
    }
    const [address, bits] = ipaddr.parseCIDR(value);
    const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
    if (network.toString() !== address.toString()) {
        throw new InputError(key, value, `${allowed}, with no host bits set (did you mean ${network.toString()}/${bits}?)`);
    }
    return value;
}

/** Whether CIDR `inner` lies wholly inside CIDR `outer` (both already checked). */
export function cidrContains(outer: string, inner: string): boolean {
    const [outerAddr, outerBits] = ipaddr.parseCIDR(outer);
    const [innerAddr, innerBits] = ipaddr.parseCIDR(inner);
    return outerAddr.kind() === innerAddr.kind() && innerBits >= outerBits && innerAddr.match(outerAddr, outerBits);
}

/**
 * A container image pinned to a version: a tag other than `latest`, or a digest. An unpinned image
 * changes under a running stack and makes previews lie.
 */
export function pinnedImage(key: string, value: unknown): string {
    if (typeof value !== "string" || value.trim() !== value || value === "" || imagePinProblem(value) !== undefined) {
        throw new InputError(key, value, "an image pinned to a version, e.g. nginx:1.27.3 or nginx@sha256:<digest> (no missing tag, no 'latest')");
    }
    return value;
}

/** Whether a value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A plain object whose keys are all among `known`; an unknown key is named with the allowed ones. */
export function objectWithKeys(key: string, value: unknown, known: readonly string[]): Record<string, unknown> {
    if (!isPlainObject(value)) {
        throw new InputError(key, value, `an object with keys ${known.join(", ")}`);
    }
    for (const k of Object.keys(value)) {
        if (!known.includes(k)) {
            throw new InputError(`${key}.${k}`, value[k], `no such key: allowed keys are ${known.join(", ")}`);
        }
    }
    return value;
}
