/**
 * Renders a capture for people and for kubectl: the resource tree as `pulumi preview` would show it, the
 * manifests as YAML, and one file per object for `kubectl apply -f DIR`.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { Capture, CapturedResource } from "./capture";
import { describeManifest, isKubernetesObject, Manifest } from "./manifests";

/** The resources as a tree: components with their children, each Kubernetes object with its kind and name. */
export function renderTree(capture: Capture): string {
    const children = new Map<string | undefined, CapturedResource[]>();
    for (const r of capture.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const lines = [`pulumi:pulumi:Stack ${capture.project}-${capture.stack}`];
    const walk = (parent: string | undefined, prefix: string): void => {
        const list = children.get(parent) ?? [];
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            lines.push(`${prefix}${last ? "└─ " : "├─ "}${r.type}  ${r.name}${detail(r)}`);
            walk(r.urn, prefix + (last ? "   " : "│  "));
        });
    };
    walk(undefined, "");
    return lines.join("\n");
}

function detail(r: CapturedResource): string {
    const flags = [r.protect ? "protected" : "", r.retainOnDelete ? "retained on delete" : ""].filter(Boolean);
    if (!isKubernetesObject(r)) {
        return "";
    }
    const meta = (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
    const where = `${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? ""}`;
    return `  (${where}${flags.length ? `; ${flags.join(", ")}` : ""})`;
}

/** The manifests as one multi-document YAML stream, in creation order. */
export function renderManifests(manifests: readonly Manifest[]): string {
    return manifests
        .map((m) => `${header(m)}\n${YAML.stringify(m.object, { sortMapEntries: false }).trimEnd()}`)
        .join("\n---\n");
}

/** File name of a manifest in an output folder: creation order first, so `kubectl apply -f DIR` creates in order. */
export function manifestFileName(m: Manifest, index: number, count: number): string {
    const { namespace, name } = m.object.metadata;
    const width = Math.max(2, String(count).length);
    const parts = [String(index + 1).padStart(width, "0"), m.object.kind.toLowerCase(), namespace, name].filter(Boolean);
    return `${parts.join("-")}${m.patch ? "-patch" : ""}.yaml`;
}

/** The first line of every file the plan writes, which marks it as the plan's. */
function header(m: Manifest): string {
    return `# ${describeManifest(m)}  [${m.type}]`;
}

/**
 * Writes one file per manifest into `dir` (created if missing). Files an earlier plan wrote there are
 * removed first, so the folder holds exactly this plan; any other file is left alone. Returns the paths.
 */
export function writeManifests(manifests: readonly Manifest[], dir: string): string[] {
    fs.mkdirSync(dir, { recursive: true });
    for (const old of fs.readdirSync(dir).filter((f) => /^\d+-.*\.yaml$/.test(f))) {
        const file = path.join(dir, old);
        if (/^# .*  \[kubernetes:[^\]]+\]$/m.test(fs.readFileSync(file, "utf8").split("\n", 1)[0] ?? "")) {
            fs.rmSync(file);
        }
    }
    return manifests.map((m, i) => {
        const file = path.join(dir, manifestFileName(m, i, manifests.length));
        fs.writeFileSync(file, `${header(m)}\n${YAML.stringify(m.object)}`);
        return file;
    });
}
