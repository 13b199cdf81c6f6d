/**
 * Kubernetes value validators, as small pure functions: each returns an error message, or undefined
 * when the value is valid. They follow k8s.io/apimachinery/pkg/util/validation. Reused by the
 * project's stack configuration validation.
 */
import { invalid } from "../messages";
import { PROTOCOLS, type Protocol } from "../model/types";

export { validateCidr, validateIpAddress } from "../net/ip";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** RFC 1123 label (namespace names): at most 63 of a-z, 0-9, '-', alphanumeric at both ends. */
export function validateDns1123Label(value: string): string | undefined {
  return value.length <= 63 && DNS1123_LABEL.test(value) ? undefined : invalid.dns1123Label(value);
}

/** RFC 1123 subdomain (names of pods, workloads and policies): at most 253 characters of dot-separated labels. */
export function validateDns1123Subdomain(value: string): string | undefined {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value) ? undefined : invalid.dns1123Subdomain(value);
}

/** A Namespace name is an RFC 1123 label. */
export function validateNamespaceName(value: string): string | undefined {
  return validateDns1123Label(value);
}

/** A Pod, workload or NetworkPolicy name is an RFC 1123 subdomain. */
export function validateObjectName(value: string): string | undefined {
  return validateDns1123Subdomain(value);
}

/**
 * A label key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters of
 * alphanumerics, '-', '_' and '.', alphanumeric at both ends.
 */
export function validateLabelKey(key: string): string | undefined {
  const parts = key.split("/");
  let name = key;
  if (parts.length > 2) return invalid.labelKey(key, "must be a name with an optional DNS subdomain prefix and '/' (e.g. 'example.com/my-name')");
  if (parts.length === 2) {
    const [prefix = "", rest = ""] = parts;
    if (prefix.length === 0) return invalid.labelKey(key, "the prefix before '/' must be non-empty");
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return invalid.labelKey(key, "the prefix before '/' must be a lowercase RFC 1123 subdomain (e.g. 'example.com')");
    name = rest;
  }
  if (name.length === 0) return invalid.labelKey(key, "the name part must be non-empty");
  if (name.length > 63) return invalid.labelKey(key, "the name part must be at most 63 characters");
  if (!QUALIFIED_NAME.test(name)) return invalid.labelKey(key, "the name part must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (e.g. 'MyName', 'my.name', '123-abc')");
  return undefined;
}

/** A label value: empty, or at most 63 characters of alphanumerics, '-', '_' and '.', alphanumeric at both ends. */
export function validateLabelValue(value: string): string | undefined {
  return value.length <= 63 && LABEL_VALUE.test(value) ? undefined : invalid.labelValue(value);
}

/** A port number: an integer from 1 to 65535. */
export function validatePortNumber(value: number): string | undefined {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : invalid.portRange(value);
}

/**
 * A port name (IANA_SVC_NAME): at most 15 characters of a-z, 0-9 and '-', at least one letter, no
 * '-' at either end and no '--'.
 */
export function validatePortName(value: string): string | undefined {
  if (value.length === 0 || value.length > 15) return invalid.portName(value, "must be 1 to 15 characters");
  if (!/^[-a-z0-9]+$/.test(value)) return invalid.portName(value, "must contain only a-z, 0-9 and '-'");
  if (!/[a-z]/.test(value)) return invalid.portName(value, "must contain at least one letter (a-z)");
  if (value.startsWith("-") || value.endsWith("-")) return invalid.portName(value, "must not begin or end with '-'");
  if (value.includes("--")) return invalid.portName(value, "must not contain consecutive '-'");
  return undefined;
}

/** True when `value` is a protocol NetworkPolicy supports (TCP, UDP, SCTP; case-sensitive). */
export function isProtocol(value: unknown): value is Protocol {
  return typeof value === "string" && (PROTOCOLS as readonly string[]).includes(value);
}

/** A protocol: TCP, UDP or SCTP, exactly. */
export function validateProtocol(value: string): string | undefined {
  return isProtocol(value) ? undefined : invalid.unsupported(value, PROTOCOLS);
}
