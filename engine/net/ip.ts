/**
 * IPv4 and IPv6 addresses and CIDRs as numbers, for containment tests. Parsing is strict (dotted-quad
 * IPv4 without leading zeros, IPv6 without zone), as Go's net.ParseIP is since Go 1.17. IPv4-mapped
 * IPv6 addresses (`::ffff:10.0.0.1`) stay IPv6: they never match an IPv4 CIDR.
 */
import { isIPv4, isIPv6 } from "node:net";
import * as ipaddr from "ipaddr.js";
import { invalid } from "../messages";

/** An address family. */
export type IpFamily = 4 | 6;

/** A parsed IP address. */
export interface IpAddress {
  readonly family: IpFamily;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly value: bigint;
}

/** A parsed CIDR; `network` has the host bits cleared. */
export interface Cidr {
  readonly family: IpFamily;
  readonly network: bigint;
  readonly prefix: number;
}

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

const bits = (family: IpFamily): number => (family === 4 ? 32 : 128);

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) return { family: 4, value: toBigInt(text.split(".").map(Number)) };
  if (isIPv6(text) && !text.includes("%")) return { family: 6, value: toBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
  return undefined;
}

/** Parses `address/prefix`; undefined when it is not a CIDR. Host bits are allowed and cleared. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const width = bits(address.family);
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { family: address.family, network: (address.value >> hostBits) << hostBits, prefix };
}

/** True when `ip` lies inside `cidr` (same family only). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(bits(cidr.family) - cidr.prefix);
  return ip.value >> hostBits === cidr.network >> hostBits;
}

/** True when `inner` is a strict subset of `outer` (same family, longer prefix, inside). */
export function cidrStrictlyContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix > outer.prefix && cidrContains(outer, { family: inner.family, value: inner.network });
}

/** Returns an error message when `text` is not an IPv4 or IPv6 address, else undefined. */
export function validateIpAddress(text: string): string | undefined {
  return parseIp(text) === undefined ? invalid.ipAddress(text) : undefined;
}

/**
 * Returns an error message when `text` is not a CIDR, else undefined. A bare address gets a
 * suggestion (`did you mean 10.0.0.1/32?`).
 */
export function validateCidr(text: string): string | undefined {
  if (parseCidr(text) !== undefined) return undefined;
  const address = parseIp(text);
  if (address !== undefined) return invalid.cidrMissingPrefix(text, `${text}/${bits(address.family)}`);
  return invalid.cidr(text);
}

/** Matches addresses against an ipBlock: inside `cidr` and inside none of `except`. */
export class IpBlockMatcher {
  private constructor(private readonly cidr: Cidr, private readonly except: readonly Cidr[]) {}

  /** Builds a matcher from already validated CIDR strings; throws on an invalid one (a programming error). */
  static of(cidr: string, except: readonly string[]): IpBlockMatcher {
    const parse = (text: string): Cidr => {
      const parsed = parseCidr(text);
      if (parsed === undefined) throw new Error(`unvalidated CIDR ${text}`);
      return parsed;
    };
    return new IpBlockMatcher(parse(cidr), except.map(parse));
  }

  /** True when `ip` is in the block and not in an exception. */
  matches(ip: IpAddress): boolean {
    return cidrContains(this.cidr, ip) && !this.except.some((e) => cidrContains(e, ip));
  }
}
