/**
 * The CrossGuard policy pack. This file only constructs the PolicyPack (which starts the policy server);
 * the policies live in ./policies so tests and the offline plan can import them without a server.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("calico-advanced-policy", { policies });
