/**
 * @calico-advanced-policy/reachability — an offline Kubernetes NetworkPolicy reachability engine.
 * Load manifests, compile once, ask which flows pass and why. Pure TypeScript, no Pulumi.
 */
export { InvalidInputError, type InvalidInputLocation } from "./errors";
export type {
  ContainerPort,
  DirectionVerdict,
  Endpoint,
  Flow,
  IpBlock,
  Labels,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicy,
  Peer,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
  SelectorOperator,
  Verdict,
} from "./model/types";
export { PROTOCOLS } from "./model/types";
export { Cluster, type ClusterArgs } from "./model/cluster";
export { readManifests, parseManifestText, type ManifestDocument } from "./load/io";
export { loadCluster, NAMESPACE_NAME_LABEL } from "./load/cluster";
export { Analyzer } from "./analyze/analyzer";
export { analyzeFlows, type AnalyzeFlowsOptions } from "./analyze/flows";
export { formatJson } from "./format/json";
export { formatTable } from "./format/table";
export { formatMermaid } from "./format/mermaid";
export { PortRanges, PortSet } from "./net/portset";
export { compileSelector, describeSelector } from "./kube/selector";
export * from "./kube/validate";
export { main, parseArgs, type CliIo, type CliOptions } from "./cli";
