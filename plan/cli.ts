/**
 * `npm run plan -- [--stack NAME] [--stage N] [--out DIR]`: shows a newcomer, with no cluster and no
 * Pulumi CLI, what `pulumi up` would create: the real index.ts runs in-process under Pulumi's mocks with
 * the config of Pulumi.NAME.yaml (the stage overriding it).
 */
import * as path from "path";
import { parseArgs } from "util";
import { captureProgram, PROJECT_DIR } from "./capture";
import { manifestsOf, policyResourcesOf } from "./manifests";
import { renderManifests, renderTree, writeManifests } from "./render";
import { InputError } from "../validation/errors";
import { EXPECTED_ACCESS, STAGE_TITLES, Stage } from "../tutorial/stages";
import { runProbes } from "../tutorial/probes";
import { tutorialCluster } from "./reachability";
import { analyzeFlows, formatTable } from "@calico-advanced-policy/reachability";
import { blocks, formatViolations, runPolicies } from "../policy-pack/lib/offline";
import { policies } from "../policy-pack/policies";

const USAGE = "usage: npm run plan -- [--stack NAME] [--stage 1-6] [--out DIR]";

/** Parsed command line of the plan command. */
export interface PlanOptions {
    /** Stack whose Pulumi.<stack>.yaml supplies the config. */
    readonly stack: string;
    /** Stage overriding the stack's. */
    readonly stage?: number;
    /** Folder to write one manifest file per object into. */
    readonly out?: string;
}

/** Parses the plan command's arguments; throws a usage error on anything else. */
export function parsePlanArgs(argv: readonly string[]): PlanOptions {
    const { values } = parseArgs({
        args: [...argv],
        options: { stack: { type: "string", default: "dev" }, stage: { type: "string" }, out: { type: "string" } },
        strict: true,
        allowPositionals: false,
    });
    let stage: number | undefined;
    if (values.stage !== undefined) {
        stage = Number(values.stage);
        if (!/^\d+$/.test(values.stage)) {
            throw new InputError("--stage", values.stage, "a tutorial step from 1 to 6");
        }
    }
    // `npm run` starts scripts in the project root; a relative --out means the folder the user ran it from.
    const out = values.out === undefined ? undefined : path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
    return { stack: values.stack ?? "dev", ...(stage !== undefined ? { stage } : {}), ...(out !== undefined ? { out } : {}) };
}

/** Runs the plan and prints it; returns the process exit code: 0, or 1 when a mandatory policy fails. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
    const options = parsePlanArgs(argv);
    const capture = await captureProgram({
        stack: options.stack,
        ...(options.stage !== undefined ? { overrides: { stage: options.stage } } : {}),
    });
    const stage = Number(capture.config[`${capture.project}:stage`] ?? 6) as Stage;
    const manifests = manifestsOf(capture.resources);
    out(`Plan of stack '${capture.stack}' (Pulumi.${capture.stack}.yaml${options.stage !== undefined ? `, stage overridden` : ""}): `
        + `stage ${stage}, "${STAGE_TITLES[stage] ?? "?"}"\n`);
    out(`pulumi up would create the stack and ${capture.resources.length} resources in it (${manifests.length} Kubernetes objects):\n\n`);
    out(`${renderTree(capture)}\n\nManifests, in creation order:\n\n${renderManifests(manifests)}\n`);
    if (options.out !== undefined) {
        const files = writeManifests(manifests, options.out);
        out(`\nWrote ${files.length} files to ${options.out}: kubectl apply -f ${options.out}\n`);
    }

    const tutorial = tutorialCluster(capture);
    out(`\nReachability once applied (every pod and workload on its declared ports, plus the tutorial's access pod,`
        + ` kube-system/kube-dns and ${tutorial.targets.internet} standing for google.com):\n\n`);
    out(`${formatTable(analyzeFlows(tutorial.cluster, { toAddresses: [tutorial.targets.internet] }))}\n`);
    out(`\nThe tutorial's checks, run from ${tutorial.targets.access} (a name resolves only if DNS egress to kube-dns is allowed):\n`);
    for (const probe of runProbes(tutorial.analyzer, tutorial.targets)) {
        const expected = EXPECTED_ACCESS[stage]?.[probe.probe];
        const note = expected === undefined || expected === probe.succeeds ? "" : `   (the tutorial's stage ${stage} expects ${expected ? "success" : "failure"}: this config differs)`;
        out(`  ${probe.probe.padEnd(16)} ${probe.succeeds ? "✓" : "✗"} ${probe.outcome}${note}\n`);
    }

    const violations = runPolicies(policyResourcesOf(capture.resources), policies);
    out(`\nPolicy pack (${policies.length} policies, run in-process as \`pulumi preview --policy-pack ./policy-pack\` would):\n${formatViolations(violations)}\n`);
    if (blocks(violations)) {
        out("\nA mandatory policy failed: `pulumi preview --policy-pack ./policy-pack` would block this stack.\n");
        return 1;
    }
    return 0;
}

if (require.main === module) {
    process.chdir(PROJECT_DIR);
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (err: unknown) => {
            const message = err instanceof Error ? err.message : String(err);
            process.stderr.write(`plan: ${message}\n${err instanceof InputError ? "" : `${USAGE}\n`}`);
            process.exitCode = 2;
        },
    );
}
