/** Every policy of the pack, importable without starting the policy server (constructing a PolicyPack starts it). */
import { Policies } from "@pulumi/policy";
import { containerImagesPinned } from "./containerImagesPinned";
import { isolatedNamespacesAllowDns } from "./isolatedNamespacesAllowDns";
import { namespacesIsolatedBothWays } from "./namespacesIsolated";
import { networkPolicyTypesStated } from "./networkPolicyTypesStated";
import { noEgressToInternet } from "./noEgressToInternet";
import { servicesSelectExistingPods } from "./servicesSelectPods";

export { containerImagesPinned, isolatedNamespacesAllowDns, namespacesIsolatedBothWays, networkPolicyTypesStated, noEgressToInternet, servicesSelectExistingPods };

/** The pack's policies, mandatory first. */
export const policies: Policies = [
    isolatedNamespacesAllowDns,
    namespacesIsolatedBothWays,
    noEgressToInternet,
    networkPolicyTypesStated,
    containerImagesPinned,
    servicesSelectExistingPods,
];
