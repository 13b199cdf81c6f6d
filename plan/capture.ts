/**
 * Runs the real index.ts in-process under Pulumi's mock runtime, with the config of a stack file, and
 * records every resource the program registers: type, name, parent, inputs, dependencies and options.
 * This is what `pulumi up` would be asked to create, obtained with no CLI and no cluster.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as YAML from "yaml";

/** Marks a value Pulumi would not know until the resource exists (shown in previews as "output<string>"). */
export const UNKNOWN = "<unknown until applied>";

const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** One resource the program registered, as the engine would receive it. */
export interface CapturedResource {
    /** The resource's URN. */
    readonly urn: string;
    /** Type token, e.g. `kubernetes:networking.k8s.io/v1:NetworkPolicy`. */
    readonly type: string;
    /** Pulumi resource name. */
    readonly name: string;
    /** URN of the parent, if any. */
    readonly parent: string | undefined;
    /** Whether it is a provider resource (false for components). */
    readonly custom: boolean;
    /** Inputs, with unknown values replaced by {@link UNKNOWN}. */
    readonly inputs: Record<string, unknown>;
    /** URNs of the resources it waits for (explicit dependsOn, expanded, plus inputs' dependencies). */
    readonly dependencies: readonly string[];
    /** Whether Pulumi refuses to delete it. */
    readonly protect: boolean;
    /** Whether Pulumi leaves it in the cluster on delete. */
    readonly retainOnDelete: boolean;
}

/** Options of {@link captureProgram}. */
export interface CaptureOptions {
    /** Stack whose Pulumi.<stack>.yaml supplies the config. @default "dev" */
    readonly stack?: string;
    /** Config values overriding the stack file, by key without the project prefix (e.g. `{stage: 4}`). */
    readonly overrides?: Readonly<Record<string, unknown>>;
    /** Run as a preview (values from other resources unknown) rather than an update. @default false */
    readonly preview?: boolean;
    /** Folder holding Pulumi.yaml and index.ts. @default this project's root */
    readonly projectDir?: string;
}

/** What a program run under mocks registered. */
export interface Capture {
    /** Project name from Pulumi.yaml. */
    readonly project: string;
    /** Stack name. */
    readonly stack: string;
    /** Config the program saw, fully qualified keys, as strings (as the CLI passes them). */
    readonly config: Readonly<Record<string, string>>;
    /** Resources in registration order. */
    readonly resources: readonly CapturedResource[];
}

/** The project's root folder (where Pulumi.yaml lives). */
export const PROJECT_DIR = path.resolve(__dirname, "..");

/** Reads the project name and a stack's config, as the Pulumi CLI would pass it to the program. */
export function readStackConfig(projectDir: string, stack: string): { project: string; config: Record<string, string> } {
    const projectFile = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string };
    const stackPath = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackPath)) {
        const stacks = fs.readdirSync(projectDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`no stack file Pulumi.${stack}.yaml; stacks here: ${stacks.join(", ")}`);
    }
    const stackFile = (YAML.parse(fs.readFileSync(stackPath, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(stackFile.config ?? {})) {
        config[key.includes(":") ? key : `${projectFile.name}:${key}`] = encodeConfigValue(value);
    }
    return { project: projectFile.name, config };
}

/** Config values reach a program as strings: strings as they are, everything else as JSON. */
export function encodeConfigValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

class RecordingMonitor extends MockMonitor {
    public readonly recorded: CapturedResource[] = [];

    public override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        return super.registerResource(req, (err, response) => {
            if (!err && response) {
                this.recorded.push({
                    urn: response.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    parent: req.getParent() || undefined,
                    custom: req.getCustom(),
                    inputs: plain(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    dependencies: req.getDependenciesList(),
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                });
            }
            callback(err, response);
        });
    }
}

/** Replaces Pulumi's wire encodings (unknowns, secrets) with plain values. */
function plain(value: unknown): unknown {
    if (value === UNKNOWN_SENTINEL) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (typeof value === "object" && value !== null) {
        const obj = value as Record<string, unknown>;
        if (SIG_KEY in obj) {
            return plain(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}

/**
 * Runs the project's index.ts under mocks with a stack's config and returns what it registered. Throws
 * what the program throws (e.g. a config error).
 */
export async function captureProgram(options: CaptureOptions = {}): Promise<Capture> {
    const { capture, error } = await tryCaptureProgram(options);
    if (error !== undefined) {
        throw error;
    }
    return capture;
}

/**
 * Like {@link captureProgram}, but returns the program's error beside what it registered before
 * failing, so tests can check that a bad config registers nothing.
 */
export async function tryCaptureProgram(options: CaptureOptions = {}): Promise<{ capture: Capture; error?: unknown }> {
    const projectDir = options.projectDir ?? PROJECT_DIR;
    const stack = options.stack ?? "dev";
    const { project, config } = readStackConfig(projectDir, stack);
    for (const [key, value] of Object.entries(options.overrides ?? {})) {
        config[`${project}:${key}`] = encodeConfigValue(value);
    }
    const program = require.resolve(path.join(projectDir, "index.ts"));
    let error: unknown;
    const capture = await captureResources(() => {
        delete require.cache[program];
        try {
            require(program);
        } catch (e) {
            error = e;
        }
    }, { project, stack, config, preview: options.preview ?? false });
    return error === undefined ? { capture } : { capture, error };
}

/**
 * Runs any function that declares resources (a program, or a test's few components) under mocks, with
 * the given config, and returns what it registered.
 */
export async function captureResources(
    declare: () => void,
    options: { project?: string; stack?: string; config?: Record<string, string>; preview?: boolean } = {},
): Promise<Capture> {
    const project = options.project ?? "calico-advanced-policy";
    const stack = options.stack ?? "test";
    const config = options.config ?? {};
    const preview = options.preview ?? false;
    const mocks: pulumi.runtime.Mocks = {
        newResource: (args) => ({ id: preview ? undefined : `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
    };
    const monitor = new RecordingMonitor(mocks);
    await pulumi.runtime.setMocks(mocks, project, stack, preview);
    pulumi.runtime.setMockOptions(monitor, project, stack, preview);
    pulumi.runtime.setAllConfig(config);
    declare();
    await pulumi.runtime.disconnect();
    return { project, stack, config, resources: monitor.recorded };
}
