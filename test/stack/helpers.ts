/** Shared helpers of the stack tests: capture under mocks, then find objects by kind and name. */
import { expect } from "chai";
import { Capture, captureProgram, CapturedResource, CaptureOptions } from "../../plan/capture";
import { Manifest, manifestsOf } from "../../plan/manifests";

/** Runs index.ts under mocks for a stack (default dev), optionally at another stage. */
export function captureStack(stack = "dev", overrides: Record<string, unknown> = {}, options: Partial<CaptureOptions> = {}): Promise<Capture> {
    return captureProgram({ stack, overrides, ...options });
}

/** The one Kubernetes object of this kind and metadata.name; fails the test when there is not exactly one. */
export function findObject(capture: Capture, kind: string, name: string): Manifest["object"] {
    const found = manifestsOf(capture.resources).filter((m) => m.object.kind === kind && m.object.metadata.name === name && !m.patch);
    expect(found, `${kind} ${name}`).to.have.lengthOf(1);
    return found[0]!.object;
}

/** metadata.name of every NetworkPolicy, sorted. */
export function policyNames(capture: Capture): string[] {
    return manifestsOf(capture.resources)
        .filter((m) => m.object.kind === "NetworkPolicy")
        .map((m) => m.object.metadata.name ?? "")
        .sort();
}

/** The captured resource whose Kubernetes object has this kind and name. */
export function findResource(capture: Capture, kind: string, name: string): CapturedResource {
    const found = capture.resources.filter((r) => (r.inputs.kind === kind) && (r.inputs.metadata as { name?: string } | undefined)?.name === name);
    expect(found, `${kind} ${name}`).to.have.lengthOf(1);
    return found[0]!;
}

/** `kind/name` of every Kubernetes object, in registration order. */
export function objectIds(capture: Capture): string[] {
    return manifestsOf(capture.resources).map((m) => `${m.object.kind}/${m.object.metadata.namespace ?? ""}/${m.object.metadata.name}`);
}
