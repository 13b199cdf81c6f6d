/**
 * Label selector matching (metav1.LabelSelector). Semantics:
 * - matchLabels and matchExpressions are ANDed; an empty selector matches every label set.
 * - In: the key is present and its value is one of `values`.
 * - NotIn: the key is absent, or its value is none of `values`.
 * - Exists: the key is present. DoesNotExist: the key is absent.
 */
import type { LabelSelector, Labels } from "../model/types";

/** A compiled selector: answers whether a label set matches. */
export type SelectorMatcher = (labels: Labels) => boolean;

const has = (labels: Labels, key: string): boolean => Object.hasOwn(labels, key);

/** True when the selector has neither labels nor expressions, i.e. selects everything. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Compiles a validated selector into a matcher (no validation here: selectors are checked at load). */
export function compileSelector(selector: LabelSelector): SelectorMatcher {
  const tests: SelectorMatcher[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    tests.push((labels) => has(labels, key) && labels[key] === value);
  }
  for (const { key, operator, values } of selector.matchExpressions) {
    const set = new Set(values);
    switch (operator) {
      case "In":
        tests.push((labels) => has(labels, key) && set.has(labels[key]));
        break;
      case "NotIn":
        tests.push((labels) => !has(labels, key) || !set.has(labels[key]));
        break;
      case "Exists":
        tests.push((labels) => has(labels, key));
        break;
      case "DoesNotExist":
        tests.push((labels) => !has(labels, key));
        break;
    }
  }
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (labels) => tests.every((test) => test(labels));
}

/** A canonical text for a selector: equal selectors get equal keys (used to share caches). */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expressions = selector.matchExpressions
    .map((e) => [e.key, e.operator, [...new Set(e.values)].sort()] as const)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return JSON.stringify([labels, expressions]);
}

/** Human form of a selector, e.g. `run=nginx, tier in (a, b)`; `{}` for the empty selector. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values } of selector.matchExpressions) {
    if (operator === "In") parts.push(`${key} in (${values.join(", ")})`);
    else if (operator === "NotIn") parts.push(`${key} notin (${values.join(", ")})`);
    else if (operator === "Exists") parts.push(key);
    else parts.push(`!${key}`);
  }
  return parts.length === 0 ? "{}" : parts.join(", ");
}
