import type { Flow } from "../model/types";

/** True for a flow end that is an address (endpoint ids are `ns/name`; addresses never contain `/`). */
export function isAddressName(name: string): boolean {
  return !name.includes("/");
}

/** True for an address-to-address flow, which NetworkPolicy does not decide. */
export function isOutsidePolicy(flow: Flow): boolean {
  return isAddressName(flow.from) && isAddressName(flow.to);
}

/** Distinct values in order of first appearance. */
export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
