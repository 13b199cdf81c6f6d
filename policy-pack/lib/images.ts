/**
 * What "pinned" means for a container image: a digest, or a tag other than `latest`. The stack config
 * refuses what this policy pack would flag, by calling the same function.
 */

/** Why an image reference is not pinned, or undefined when it is. */
export function imagePinProblem(image: string, requireDigest = false): string | undefined {
    if (/@sha256:[a-f0-9]{64}$/.test(image)) {
        return undefined;
    }
    if (requireDigest) {
        return "has no digest (@sha256:...)";
    }
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const colon = lastSegment.lastIndexOf(":");
    const tag = colon >= 0 ? lastSegment.slice(colon + 1) : "";
    if (tag === "") {
        return "has no tag, so it means 'latest'";
    }
    if (tag === "latest") {
        return "uses the 'latest' tag";
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
        return `has a malformed tag '${tag}'`;
    }
    return undefined;
}
