/**
 * Validating and normalising networking.k8s.io/v1 NetworkPolicy specs, following the API server's
 * validation (pkg/apis/networking/validation) and defaulting (SetDefaults_NetworkPolicy).
 */
import { invalid } from "../messages";
import type { IpBlock, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from "../model/types";
import { PROTOCOLS } from "../model/types";
import { isProtocol, validateCidr, validatePortName, validatePortNumber } from "../kube/validate";
import { cidrStrictlyContains, parseCidr } from "../net/ip";
import { fieldPath, indexPath, type FieldReader, type Mapping } from "./reader";
import { readOptionalSelector, readSelector } from "./selector";

const POLICY_TYPES: readonly PolicyType[] = ["Ingress", "Egress"];

const isPolicyType = (value: string): value is PolicyType => (POLICY_TYPES as readonly string[]).includes(value);

function readIpBlock(reader: FieldReader, value: Mapping, field: string): IpBlock {
  const cidrPath = fieldPath(field, "cidr");
  const cidr = reader.string(value["cidr"], cidrPath);
  reader.check(validateCidr(cidr), cidrPath);
  const exceptPath = fieldPath(field, "except");
  const except = (reader.optionalList(value["except"], exceptPath) ?? []).map((raw, i) => {
    const path = indexPath(exceptPath, i);
    const text = reader.string(raw, path);
    reader.check(validateCidr(text), path);
    // The API server requires each exception to be a strict subset of cidr.
    const outer = parseCidr(cidr);
    const inner = parseCidr(text);
    if (outer === undefined || inner === undefined || !cidrStrictlyContains(outer, inner)) reader.fail(path, invalid.exceptNotInside(text, cidr));
    return text;
  });
  return { cidr, except };
}

function readPeer(reader: FieldReader, raw: unknown, field: string): PolicyPeer {
  const peer = reader.mapping(raw, field);
  const podSelector: LabelSelector | undefined = readOptionalSelector(reader, peer["podSelector"], fieldPath(field, "podSelector"));
  const namespaceSelector = readOptionalSelector(reader, peer["namespaceSelector"], fieldPath(field, "namespaceSelector"));
  const ipBlockMapping = reader.optionalMapping(peer["ipBlock"], fieldPath(field, "ipBlock"));
  if (ipBlockMapping !== undefined) {
    if (podSelector !== undefined || namespaceSelector !== undefined) reader.fail(field, invalid.ipBlockWithSelector());
    return { kind: "ipBlock", ipBlock: readIpBlock(reader, ipBlockMapping, fieldPath(field, "ipBlock")) };
  }
  if (podSelector === undefined && namespaceSelector === undefined) reader.fail(field, invalid.emptyPeer());
  return {
    kind: "selector",
    ...(podSelector !== undefined ? { podSelector } : {}),
    ...(namespaceSelector !== undefined ? { namespaceSelector } : {}),
  };
}

function readPort(reader: FieldReader, raw: unknown, field: string): PolicyPort {
  const entry = reader.mapping(raw, field);
  const protocolPath = fieldPath(field, "protocol");
  // The protocol defaults to TCP.
  const protocol = reader.optionalString(entry["protocol"], protocolPath) ?? "TCP";
  if (!isProtocol(protocol)) reader.fail(protocolPath, invalid.unsupported(protocol, PROTOCOLS));
  const portPath = fieldPath(field, "port");
  const endPortPath = fieldPath(field, "endPort");
  const port: unknown = entry["port"];
  const endPort = reader.optionalInteger(entry["endPort"], endPortPath);
  if (port === undefined || port === null) {
    if (endPort !== undefined) reader.fail(endPortPath, invalid.endPortWithoutPort());
    return { protocol };
  }
  if (typeof port === "string") {
    // A named port: resolved later against the destination pod's container ports.
    reader.check(validatePortName(port), portPath);
    if (endPort !== undefined) reader.fail(endPortPath, invalid.endPortWithNamedPort(port));
    return { protocol, port };
  }
  if (typeof port !== "number" || !Number.isInteger(port)) reader.fail(portPath, invalid.notIntOrString(port));
  reader.check(validatePortNumber(port), portPath);
  if (endPort === undefined) return { protocol, port };
  reader.check(validatePortNumber(endPort), endPortPath);
  if (endPort < port) reader.fail(endPortPath, invalid.endPortBelowPort(endPort, port));
  return { protocol, port, endPort };
}

function readRules(reader: FieldReader, value: unknown, field: string, peersKey: "from" | "to"): PolicyRule[] {
  return (reader.optionalList(value, field) ?? []).map((raw, i) => {
    const path = indexPath(field, i);
    const rule = reader.mapping(raw, path);
    const peersPath = fieldPath(path, peersKey);
    const portsPath = fieldPath(path, "ports");
    // Absent, null and [] peers all mean "every source/destination"; the same for ports.
    const peers = (reader.optionalList(rule[peersKey], peersPath) ?? []).map((p, j) => readPeer(reader, p, indexPath(peersPath, j)));
    const ports = (reader.optionalList(rule["ports"], portsPath) ?? []).map((p, j) => readPort(reader, p, indexPath(portsPath, j)));
    return { peers, ports };
  });
}

/**
 * Validates a NetworkPolicy's spec and fills its defaults. `policyTypes`, when absent or empty,
 * defaults to `[Ingress]` plus `Egress` when `spec.egress` has at least one rule (so `egress: []`
 * alone does not isolate egress), exactly as the API server's defaulting does.
 */
export function readPolicySpec(
  reader: FieldReader,
  identity: { id: string; namespace: string; name: string; source: string },
  specValue: unknown,
): NetworkPolicy {
  // A missing spec is the zero value: select every pod, Ingress only, no rule (deny all ingress).
  const spec = reader.optionalMapping(specValue, "spec") ?? {};
  const podSelector = readSelector(reader, spec["podSelector"], "spec.podSelector");
  const ingress = readRules(reader, spec["ingress"], "spec.ingress", "from");
  const egress = readRules(reader, spec["egress"], "spec.egress", "to");
  const typesPath = "spec.policyTypes";
  const declared = (reader.optionalList(spec["policyTypes"], typesPath) ?? []).map((raw, i) => {
    const text = reader.string(raw, indexPath(typesPath, i));
    if (!isPolicyType(text)) reader.fail(indexPath(typesPath, i), invalid.unsupported(text, POLICY_TYPES));
    return text;
  });
  if (declared.length > 2) reader.fail(typesPath, invalid.tooManyPolicyTypes());
  let policyTypes: PolicyType[];
  if (declared.length === 0) policyTypes = egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  else policyTypes = POLICY_TYPES.filter((t) => declared.includes(t));
  return { ...identity, podSelector, policyTypes, ingress, egress };
}
