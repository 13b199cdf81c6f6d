/**
 * The tutorial "Controlling ingress and egress traffic with network policy" (Calico v3.7) as data: what is
 * in force after each step, and what its "Verify access" sections expect. Pure data, no Pulumi: the
 * program, the tests, the plan and the README all read it from here.
 */

/** A step of the tutorial, 1 to 6; step 7 (clean-up) is `pulumi destroy`. */
export type Stage = 1 | 2 | 3 | 4 | 5 | 6;

/** Every stage, in order. */
export const STAGES: readonly Stage[] = [1, 2, 3, 4, 5, 6];

/** The last stage, which the dev environment runs. */
export const FINAL_STAGE: Stage = 6;

/** What the tutorial has in force after a step. */
export interface StageFeatures {
    /** `default-deny-ingress` (step 2). */
    readonly denyIngress: boolean;
    /** `access-nginx`: ingress to nginx from the namespace's pods (step 3). */
    readonly accessNginx: boolean;
    /** `default-deny-egress` (step 4). */
    readonly denyEgress: boolean;
    /** `allow-dns-access` (step 5). */
    readonly allowDns: boolean;
    /** `allow-egress-to-advance-policy-ns`: egress to the nginx pods (step 6). */
    readonly egressToNginx: boolean;
}

/** Name of the step-6 policy, exactly as the tutorial spells it. */
export const EGRESS_TO_NGINX_POLICY = "allow-egress-to-advance-policy-ns";

/** metadata.name of every NetworkPolicy the tutorial creates. */
export const TUTORIAL_POLICY_NAMES: readonly string[] = [
    "default-deny-ingress", "access-nginx", "default-deny-egress", "allow-dns-access", EGRESS_TO_NGINX_POLICY,
];

/** Title of each step. */
export const STAGE_TITLES: Readonly<Record<Stage, string>> = {
    1: "Create the namespace and nginx service",
    2: "Deny all ingress traffic",
    3: "Allow ingress traffic to nginx",
    4: "Deny all egress traffic",
    5: "Allow DNS egress traffic",
    6: "Allow egress traffic to nginx",
};

/** The features in force after a step: each step adds one. */
export function stageFeatures(stage: Stage): StageFeatures {
    return {
        denyIngress: stage >= 2,
        accessNginx: stage >= 3,
        denyEgress: stage >= 4,
        allowDns: stage >= 5,
        egressToNginx: stage >= 6,
    };
}

/** The probes the tutorial runs from its `access` pod. */
export type Probe = "wget nginx" | "wget google.com" | "nslookup nginx";

/** Every probe, in the order the tables list them. */
export const PROBES: readonly Probe[] = ["wget nginx", "wget google.com", "nslookup nginx"];

/**
 * The tutorial's "Verify access" results after each step: whether each probe from the `access` pod
 * succeeds. Where a step's text does not run a probe, the result follows from the same policies (e.g.
 * step 3 runs no nslookup, but DNS egress is still open).
 */
export const EXPECTED_ACCESS: Readonly<Record<Stage, Readonly<Record<Probe, boolean>>>> = {
    1: { "wget nginx": true, "wget google.com": true, "nslookup nginx": true },
    2: { "wget nginx": false, "wget google.com": true, "nslookup nginx": true },
    3: { "wget nginx": true, "wget google.com": true, "nslookup nginx": true },
    4: { "wget nginx": false, "wget google.com": false, "nslookup nginx": false },
    5: { "wget nginx": false, "wget google.com": false, "nslookup nginx": true },
    6: { "wget nginx": true, "wget google.com": false, "nslookup nginx": true },
};
