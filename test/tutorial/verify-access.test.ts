import { expect } from "chai";
import { captureProgram } from "../../plan/capture";
import { tutorialCluster } from "../../plan/reachability";
import { runProbes } from "../../tutorial/probes";
import { EXPECTED_ACCESS, PROBES, STAGES } from "../../tutorial/stages";

// The tutorial's "Verify access" tables, asserted on the resources the stack itself declares (captured from
// the real index.ts under mocks), plus the tutorial's access pod, kube-dns and an internet address.
describe("the tutorial's Verify access results, decided by the engine on the stack's own resources", () => {
    for (const stack of ["dev", "prod"]) {
        for (const stage of STAGES) {
            it(`${stack} stage ${stage}: ${PROBES.map((p) => `${p} ${EXPECTED_ACCESS[stage][p] ? "succeeds" : "fails"}`).join(", ")}`, async () => {
                const t = tutorialCluster(await captureProgram({ stack, overrides: { stage } }));
                const results = Object.fromEntries(runProbes(t.analyzer, t.targets).map((r) => [r.probe, r.succeeds]));
                expect(results).to.deep.equal(EXPECTED_ACCESS[stage]);
            });
        }
    }

    it("step 4's wget fails at name resolution (bad address), step 5's at the flow (timed out), as the tutorial's shell shows", async () => {
        const outcomes = async (stage: number) => {
            const t = tutorialCluster(await captureProgram({ stack: "dev", overrides: { stage } }));
            return runProbes(t.analyzer, t.targets).map((r) => r.outcome);
        };
        expect(await outcomes(4)).to.deep.equal(["wget: bad address 'nginx'", "wget: bad address 'google.com'", "nslookup: can't resolve 'nginx'"]);
        expect(await outcomes(5)).to.deep.equal(["wget: download timed out", "wget: download timed out", "ok"]);
        expect(await outcomes(2)).to.deep.equal(["wget: download timed out", "ok", "ok"]);
    });

    it("the tutorial's own step 5 (kube-system labelled name=kube-system, UDP only) resolves names too", async () => {
        const t = tutorialCluster(await captureProgram({ stack: "dev", overrides: { stage: 5, dnsKubeSystemSelector: "name-label", dnsProtocols: ["UDP"] } }));
        expect(runProbes(t.analyzer, t.targets).map((r) => r.succeeds)).to.deep.equal([false, false, true]);
    });

    it("without the DNS allowance, stage 6 cannot resolve: every name-based probe fails", async () => {
        const t = tutorialCluster(await captureProgram({ stack: "dev", overrides: { stage: 6, allowDns: false } }));
        expect(runProbes(t.analyzer, t.targets).map((r) => r.succeeds)).to.deep.equal([false, false, false]);
    });
});
