/**
 * Every sentence the engine writes: validation errors and verdict explanations. Kept in one module so
 * wording stays consistent and tests can assert exact text.
 */

/** Formats an InvalidInputError message: `source: field: detail`. */
export function invalidInputMessage(detail: string, source?: string, field?: string): string {
  const where = [source, field].filter((part): part is string => part !== undefined && part !== "");
  return where.length === 0 ? detail : `${where.join(": ")}: ${detail}`;
}

/** Quotes a value for a message. */
export function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${quote(value)}`;
}

/** Validation error details. */
export const invalid = {
  required: (): string => "required field is missing",
  notMapping: (value: unknown): string => `must be a mapping, got ${describeType(value)}`,
  notList: (value: unknown): string => `must be a list, got ${describeType(value)}`,
  notString: (value: unknown): string => `must be a string, got ${describeType(value)}`,
  notInteger: (value: unknown): string => `must be an integer, got ${describeType(value)}`,
  notIntOrString: (value: unknown): string => `must be a port number or a port name, got ${describeType(value)}`,
  notObject: (value: unknown): string => `a document must be a Kubernetes object (a mapping), got ${describeType(value)}`,
  unsupported: (value: unknown, allowed: readonly string[]): string =>
    `unsupported value ${quote(value)}: must be one of ${allowed.join(", ")}`,
  portRange: (value: number): string => `must be between 1 and 65535, inclusive, got ${value}`,
  portName: (value: string, why: string): string => `invalid port name ${quote(value)}: ${why}`,
  endPortWithoutPort: (): string => "must not be set when port is absent (endPort needs a numeric port)",
  endPortWithNamedPort: (port: string): string => `must not be set when port is a named port (${quote(port)})`,
  endPortBelowPort: (endPort: number, port: number): string =>
    `must be greater than or equal to port (${port}), got ${endPort}`,
  dns1123Label: (value: string): string =>
    `invalid name ${quote(value)}: must be a lowercase RFC 1123 label (at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit, e.g. "my-name")`,
  dns1123Subdomain: (value: string): string =>
    `invalid name ${quote(value)}: must be a lowercase RFC 1123 subdomain (at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit, e.g. "example.com")`,
  labelKey: (value: string, why: string): string => `invalid label key ${quote(value)}: ${why}`,
  labelValue: (value: string): string =>
    `invalid label value ${quote(value)}: must be at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', starting and ending with a letter or digit (or empty)`,
  ipAddress: (value: string): string => `invalid IP address ${quote(value)}: must be an IPv4 (e.g. 10.0.0.1) or IPv6 (e.g. fd00::1) address`,
  cidr: (value: string): string => `invalid CIDR ${quote(value)}: must be an IPv4 or IPv6 network such as 10.0.0.0/24 or fd00::/64`,
  cidrMissingPrefix: (value: string, suggestion: string): string =>
    `invalid CIDR ${quote(value)}: the prefix length is missing (did you mean ${suggestion}?)`,
  exceptNotInside: (except: string, cidr: string): string =>
    `${quote(except)} must be a strict subset of cidr ${quote(cidr)}`,
  valuesRequired: (operator: string): string => `must be non-empty when operator is ${operator}`,
  valuesForbidden: (operator: string): string => `must be empty when operator is ${operator}`,
  ipBlockWithSelector: (): string => "may not specify both ipBlock and another peer (podSelector or namespaceSelector)",
  emptyPeer: (): string => "must specify a peer: podSelector, namespaceSelector or ipBlock",
  tooManyPolicyTypes: (): string => "must not have more than 2 elements",
  duplicate: (what: string, id: string, first: string): string => `duplicate ${what} ${quote(id)} (first declared in ${first})`,
  duplicatePortName: (name: string): string => `duplicate container port name ${quote(name)}`,
  yaml: (detail: string): string => `YAML parse error: ${detail}`,
  unreadable: (detail: string): string => `cannot read: ${detail}`,
  noManifests: (): string => "no *.yaml, *.yml or *.json file found",
  unknownEndpoint: (id: string): string => `unknown endpoint ${quote(id)}: not a declared Pod or workload`,
  badPeer: (): string => "a peer must be { endpoint: \"ns/name\" } or { address: \"IP\" }",
} as const;

/** Describes a document for error messages: `file.yaml#2 (NetworkPolicy ns/name)`. */
export function describeDocument(source: string, kind?: string, id?: string): string {
  if (kind === undefined) return source;
  return id === undefined ? `${source} (${kind})` : `${source} (${kind} ${id})`;
}

/** Verdict explanation sentences. */
export const explain = {
  notIsolated: (direction: "ingress" | "egress", id: string): string =>
    direction === "egress"
      ? `egress from ${id} allowed: no NetworkPolicy selects ${id} for egress, so it is not isolated`
      : `ingress to ${id} allowed: no NetworkPolicy selects ${id} for ingress, so it is not isolated`,
  allowedBy: (direction: "ingress" | "egress", id: string, policy: string, rule: number): string =>
    `${direction === "egress" ? "egress from" : "ingress to"} ${id} allowed by NetworkPolicy ${policy} rule ${rule}`,
  denied: (direction: "ingress" | "egress", id: string, isolatedBy: readonly string[]): string =>
    `${direction === "egress" ? "egress from" : "ingress to"} ${id} denied: isolated by ${isolatedBy.join(", ")}, no rule matches`,
  externalSource: (address: string): string =>
    `egress from ${address} not checked: it is an address outside the cluster, NetworkPolicy only applies to pods`,
  externalDestination: (address: string): string =>
    `ingress to ${address} not checked: it is an address outside the cluster, NetworkPolicy only applies to pods`,
  addressToAddress: (from: string, to: string): string =>
    `${from} to ${to} is outside NetworkPolicy: neither side is a pod, so NetworkPolicy does not decide it`,
} as const;
