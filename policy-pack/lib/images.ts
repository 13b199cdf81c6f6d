/**
 * What "pinned" means for a container image: a digest, or a tag other than `latest`. The stack config
 * refuses what this policy pack would flag, by calling the same function.
 */

// The reference grammar of distribution/reference: [host[:port]/]path[:tag][@digest], path components in
// lower case separated by '.', '_', '__' or dashes, a tag of at most 128 word characters, '.' and '-'.
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const HOST = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?";
const REFERENCE = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);

/** Why an image reference is not pinned (or not a valid reference at all), or undefined when it is pinned. */
export function imagePinProblem(image: string, requireDigest = false): string | undefined {
    if (!REFERENCE.test(image)) {
        return "is not a valid image reference ([registry/]name[:tag][@sha256:digest], name in lower case)";
    }
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
    return undefined;
}
