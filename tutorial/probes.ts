/**
 * The tutorial's "Verify access" probes, decided by the reachability engine: a name-based probe succeeds
 * only when the `access` pod can reach kube-dns on UDP 53 (to resolve the name) and the flow itself is
 * allowed. Pure: engine in, answers out; no Pulumi.
 */
import { Analyzer, Peer, Verdict } from "@calico-advanced-policy/reachability";
import { Probe, PROBES } from "./stages";

/** The endpoints and addresses the probes involve. */
export interface ProbeTargets {
    /** Endpoint id of the `access` pod the tutorial runs its probes from. */
    readonly access: string;
    /** Endpoint id of the nginx pods (the Service `nginx` sends to them on port 80). */
    readonly nginx: string;
    /** Endpoint id of the kube-dns pods. */
    readonly dns: string;
    /** An address standing for google.com. */
    readonly internet: string;
}

/** Whether a probe succeeds, and how it fails as the tutorial's shell shows it. */
export interface ProbeResult {
    readonly probe: Probe;
    readonly succeeds: boolean;
    /** What the shell prints on failure (`wget: bad address 'google.com'`, `wget: download timed out`, ...), or "ok". */
    readonly outcome: string;
    /** The engine's reasons for the step that decided. */
    readonly reasons: readonly string[];
}

/** Runs the tutorial's three probes against a compiled cluster. */
export function runProbes(analyzer: Analyzer, targets: ProbeTargets): ProbeResult[] {
    const from: Peer = { endpoint: targets.access };
    const dns = analyzer.evaluate(from, { endpoint: targets.dns }, 53, "UDP");
    const http = (to: Peer): Verdict => analyzer.evaluate(from, to, 80, "TCP");
    const byName = (probe: Probe, host: string, to: Peer): ProbeResult => {
        if (!dns.allowed) {
            return { probe, succeeds: false, outcome: `wget: bad address '${host}'`, reasons: dns.reasons };
        }
        const flow = http(to);
        return { probe, succeeds: flow.allowed, outcome: flow.allowed ? "ok" : "wget: download timed out", reasons: flow.reasons };
    };
    const results: Record<Probe, ProbeResult> = {
        "wget nginx": byName("wget nginx", "nginx", { endpoint: targets.nginx }),
        "wget google.com": byName("wget google.com", "google.com", { address: targets.internet }),
        "nslookup nginx": {
            probe: "nslookup nginx",
            succeeds: dns.allowed,
            outcome: dns.allowed ? "ok" : "nslookup: can't resolve 'nginx'",
            reasons: dns.reasons,
        },
    };
    return PROBES.map((p) => results[p]);
}
