import * as pulumi from "@pulumi/pulumi";

/**
 * One clear error for bad input: names the key, the value and what is allowed.
 *
 * It extends {@link pulumi.RunError} so that `pulumi up` and `pulumi preview` print only the message,
 * without a stack trace or the program's source, and register nothing further.
 */
export class InputError extends pulumi.RunError {
    /** The key that holds the bad value, e.g. `calico-advanced-policy:stage` or `IsolatedNamespace(demo).name`. */
    public readonly key: string;
    /** The bad value, as given. */
    public readonly value: unknown;

    constructor(key: string, value: unknown, allowed: string) {
        super(`${key}: ${describeValue(value)} is not allowed: ${allowed}`);
        this.name = "InputError";
        this.key = key;
        this.value = value;
    }
}

/** Renders a value for an error message: strings quoted, objects as compact JSON, `undefined` spelled out. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "undefined";
    }
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    try {
        const json = JSON.stringify(value);
        return json === undefined ? String(value) : json;
    } catch {
        return String(value);
    }
}
