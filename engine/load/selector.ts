/**
 * Reading and validating label selectors (metav1.LabelSelector), as the API server does:
 * keys are qualified names, values label values; In and NotIn need at least one value; Exists and
 * DoesNotExist take none.
 */
import { invalid } from "../messages";
import type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from "../model/types";
import { validateLabelKey, validateLabelValue } from "../kube/validate";
import { fieldPath, indexPath, type FieldReader } from "./reader";

const OPERATORS: readonly SelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];

const isOperator = (value: string): value is SelectorOperator => (OPERATORS as readonly string[]).includes(value);

/** Reads a selector that may be absent; undefined when absent or null. */
export function readOptionalSelector(reader: FieldReader, value: unknown, field: string): LabelSelector | undefined {
  const mapping = reader.optionalMapping(value, field);
  if (mapping === undefined) return undefined;
  const matchLabels = reader.labels(mapping["matchLabels"], fieldPath(field, "matchLabels"));
  const matchExpressions: LabelSelectorRequirement[] = [];
  const expressionsPath = fieldPath(field, "matchExpressions");
  (reader.optionalList(mapping["matchExpressions"], expressionsPath) ?? []).forEach((raw, i) => {
    const path = indexPath(expressionsPath, i);
    const expression = reader.mapping(raw, path);
    const key = reader.string(expression["key"], fieldPath(path, "key"));
    reader.check(validateLabelKey(key), fieldPath(path, "key"));
    const operator = reader.string(expression["operator"], fieldPath(path, "operator"));
    if (!isOperator(operator)) reader.fail(fieldPath(path, "operator"), invalid.unsupported(operator, OPERATORS));
    const valuesPath = fieldPath(path, "values");
    const values = (reader.optionalList(expression["values"], valuesPath) ?? []).map((v, j) => {
      if (typeof v !== "string") reader.fail(indexPath(valuesPath, j), invalid.notString(v));
      reader.check(validateLabelValue(v), indexPath(valuesPath, j));
      return v;
    });
    if ((operator === "In" || operator === "NotIn") && values.length === 0) reader.fail(valuesPath, invalid.valuesRequired(operator));
    if ((operator === "Exists" || operator === "DoesNotExist") && values.length > 0) reader.fail(valuesPath, invalid.valuesForbidden(operator));
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}

/** Reads a selector where absence means the empty selector (selects everything). */
export function readSelector(reader: FieldReader, value: unknown, field: string): LabelSelector {
  return readOptionalSelector(reader, value, field) ?? { matchLabels: {}, matchExpressions: [] };
}
