import * as pulumi from "@pulumi/pulumi";
import { checkEntries } from "../components/egressAllowlist";
import { CONFIG_SCHEMA, PROJECT, StackConfig } from "./schema";
import { InputError } from "../validation/errors";
import { TUTORIAL_POLICY_NAMES } from "../tutorial/stages";

/**
 * Reads and checks every configuration key of the stack. Throws one {@link InputError} naming the key,
 * the value and what is allowed, for the first bad value or unknown key, before any resource exists.
 */
export function loadStackConfig(config: pulumi.Config = new pulumi.Config(PROJECT)): StackConfig {
    rejectUnknownKeys();
    const read = <K extends keyof StackConfig>(name: K): StackConfig[K] => {
        const spec = CONFIG_SCHEMA[name];
        const fullKey = `${PROJECT}:${name}`;
        const raw = config.get(name);
        if (raw === undefined) {
            return spec.parse(fullKey, spec.default);
        }
        return spec.parse(fullKey, spec.type === "string" ? raw : decodeJson(fullKey, raw));
    };
    const result: StackConfig = {
        stage: read("stage"),
        namespace: read("namespace"),
        namespaceLabels: read("namespaceLabels"),
        nginxReplicas: read("nginxReplicas"),
        nginxImage: read("nginxImage"),
        protectNamespace: read("protectNamespace"),
        retainNamespaceOnDelete: read("retainNamespaceOnDelete"),
        allowDns: read("allowDns"),
        dnsProtocols: read("dnsProtocols"),
        dnsKubeSystemSelector: read("dnsKubeSystemSelector"),
        nodeLocalDnsAddress: read("nodeLocalDnsAddress"),
        egressAllowlist: read("egressAllowlist"),
        skipAwait: read("skipAwait"),
    };
    checkEntries(`${PROJECT}:egressAllowlist`, result.egressAllowlist);
    const reserved = result.egressAllowlist.map((e) => e.name).filter((name) => TUTORIAL_POLICY_NAMES.includes(name));
    if (reserved.length > 0) {
        throw new InputError(`${PROJECT}:egressAllowlist`, reserved,
            `names other than the tutorial's own policies (${TUTORIAL_POLICY_NAMES.join(", ")}): two policies of one name would collide`);
    }
    if (result.egressAllowlist.length > 0 && result.stage < 4) {
        throw new InputError(`${PROJECT}:egressAllowlist`, result.egressAllowlist.map((e) => e.name),
            `no entries before stage 4 (stage is ${result.stage}): egress is not isolated yet, and an egress allowance would isolate it by itself`);
    }
    return result;
}

function decodeJson(key: string, raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        throw new InputError(key, raw, "a value of the declared type (see Pulumi.yaml); this one does not parse");
    }
}

function rejectUnknownKeys(): void {
    const known = Object.keys(CONFIG_SCHEMA);
    for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
        const [namespace, name] = fullKey.split(":");
        if (namespace === PROJECT && name !== undefined && !known.includes(name)) {
            throw new InputError(fullKey, pulumi.runtime.allConfig()[fullKey], `a known key; the keys are ${known.join(", ")}`);
        }
    }
}
