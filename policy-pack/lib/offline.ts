/**
 * Runs the pack's policies in-process over a stack's resources, the way the policy engine would under
 * `pulumi preview`: resource policies on each resource, stack policies on all of them, config defaults
 * from each policy's schema, enforcement levels from the policy or the config. For users without the
 * CLI, for CI, and for tests.
 */
import { EnforcementLevel, Policies, Policy, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { StackResource } from "./resources";

/** One violation a policy reported. */
export interface Violation {
    /** Name of the policy. */
    readonly policy: string;
    /** Its enforcement level for this run. */
    readonly level: EnforcementLevel;
    /** What it said. */
    readonly message: string;
    /** The resource concerned, when the policy named one. */
    readonly urn?: string;
}

/** Pack config as `--policy-pack-config` takes it: per policy a level, or a level and properties; `all` for every policy. */
export type PackConfig = Readonly<Record<string, EnforcementLevel | { enforcementLevel?: EnforcementLevel; [property: string]: unknown }>>;

/** The enforcement level and the config (schema defaults, then the pack config) of a policy for one run. */
export function policySettings(policy: Policy, config: PackConfig = {}): { level: EnforcementLevel; properties: Record<string, unknown> } {
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema !== null && "default" in schema) {
            properties[key] = structuredClone(schema.default);
        }
    }
    let level: EnforcementLevel = policy.enforcementLevel ?? "advisory";
    for (const entry of [config.all, config[policy.name]]) {
        if (typeof entry === "string") {
            level = entry;
        } else if (entry !== undefined) {
            const { enforcementLevel, ...rest } = entry;
            level = enforcementLevel ?? level;
            Object.assign(properties, rest);
        }
    }
    return { level, properties };
}

class NotApplicable extends Error {}

/**
 * What the policy SDK hands a validation about one resource. The SDK's argument types are generic over
 * resource classes (isType/asType), which a plain record cannot satisfy without a cast; the two `as never`
 * below are the only place such a record meets those types.
 */
function policyResource(r: StackResource) {
    return {
        type: r.type, urn: r.urn, name: r.name, props: r.props, opts: {}, dependencies: [], propertyDependencies: {},
        isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === r.type,
        asType: (cls: { __pulumiType?: string }) => (cls.__pulumiType === r.type ? r.props : undefined),
    };
}

/** Runs every policy over the resources and returns what they report. */
export function runPolicies(resources: readonly StackResource[], policies: Policies, config: PackConfig = {}): Violation[] {
    const violations: Violation[] = [];
    for (const policy of policies) {
        const { level, properties } = policySettings(policy, config);
        if (level === "disabled") {
            continue;
        }
        const common = {
            getConfig: <T>() => properties as T,
            notApplicable: (reason?: string): never => { throw new NotApplicable(reason); },
            stackTags: new Map<string, string>(),
        };
        const report = (urn?: string): ReportViolation => (message, reportedUrn) => {
            const at = reportedUrn ?? urn;
            violations.push({ policy: policy.name, level, message, ...(at !== undefined ? { urn: at } : {}) });
        };
        const run = (fn: () => unknown) => {
            try {
                fn();
            } catch (e) {
                if (!(e instanceof NotApplicable)) {
                    throw e;
                }
            }
        };
        if ("validateStack" in policy) {
            const stackPolicy = policy as StackValidationPolicy;
            run(() => stackPolicy.validateStack({ ...common, resources: resources.map(policyResource) } as never, report()));
        } else {
            const resourcePolicy = policy as ResourceValidationPolicy;
            const validations = [resourcePolicy.validateResource ?? []].flat();
            for (const r of resources) {
                for (const validate of validations) {
                    run(() => validate({ ...common, ...policyResource(r) } as never, report(r.urn)));
                }
            }
        }
    }
    return violations;
}

/** Whether any violation blocks the deployment (a mandatory policy failed). */
export function blocks(violations: readonly Violation[]): boolean {
    return violations.some((v) => v.level === "mandatory");
}

/** The violations as lines for people: `[level] policy: message`. */
export function formatViolations(violations: readonly Violation[]): string {
    return violations.length === 0 ? "No policy violations." : violations.map((v) => `[${v.level}] ${v.policy}: ${v.message}`).join("\n");
}
