/**
 * Typed reading of one parsed document (plain `unknown` data) with errors that name the document and
 * the field path. No shape guessing: a wrong type is an error, `null` is treated as absent.
 */
import { InvalidInputError } from "../errors";
import { invalid } from "../messages";
import type { Labels } from "../model/types";
import { validateLabelKey, validateLabelValue } from "../kube/validate";

/** A mapping read from a document. */
export type Mapping = Readonly<Record<string, unknown>>;

/** `path.key`, or `path["odd/key"]` when the key is not an identifier. */
export function fieldPath(path: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** `path[index]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** True for a mapping (a plain object, not a list). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads fields of one document; every error carries the document's description. */
export class FieldReader {
  /** @param source the document description, e.g. `a.yaml#2 (Pod x/a)`. */
  constructor(readonly source: string) {}

  /** Throws an InvalidInputError for `field`. */
  fail(field: string | undefined, detail: string): never {
    throw new InvalidInputError(detail, field === undefined ? { source: this.source } : { source: this.source, field });
  }

  /** Throws when a validator returned an error message. */
  check(error: string | undefined, field: string): void {
    if (error !== undefined) this.fail(field, error);
  }

  /** A mapping, or undefined when absent or null. */
  optionalMapping(value: unknown, field: string): Mapping | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isMapping(value)) this.fail(field, invalid.notMapping(value));
    return value;
  }

  /** A mapping that must be present. */
  mapping(value: unknown, field: string): Mapping {
    const mapping = this.optionalMapping(value, field);
    if (mapping === undefined) this.fail(field, invalid.required());
    return mapping;
  }

  /** A list, or undefined when absent or null. */
  optionalList(value: unknown, field: string): readonly unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(field, invalid.notList(value));
    return value;
  }

  /** A string, or undefined when absent or null. */
  optionalString(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") this.fail(field, invalid.notString(value));
    return value;
  }

  /** A string that must be present and non-empty. */
  string(value: unknown, field: string): string {
    const text = this.optionalString(value, field);
    if (text === undefined || text === "") this.fail(field, invalid.required());
    return text;
  }

  /** An integer, or undefined when absent or null. */
  optionalInteger(value: unknown, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) this.fail(field, invalid.notInteger(value));
    return value;
  }

  /** A label map (`metadata.labels`, `matchLabels`): string keys and string values, both validated. */
  labels(value: unknown, field: string): Labels {
    const mapping = this.optionalMapping(value, field);
    const labels: Record<string, string> = {};
    if (mapping === undefined) return labels;
    for (const [key, raw] of Object.entries(mapping)) {
      const path = fieldPath(field, key);
      this.check(validateLabelKey(key), path);
      if (typeof raw !== "string") this.fail(path, invalid.notString(raw));
      this.check(validateLabelValue(raw), path);
      labels[key] = raw;
    }
    return labels;
  }
}
