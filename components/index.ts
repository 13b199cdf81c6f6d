/**
 * Reusable components for namespaces isolated by Kubernetes NetworkPolicy. Import them into any Pulumi
 * TypeScript program: `import { IsolatedNamespace, NginxService } from "calico-advanced-policy/components"`.
 */
export * from "./common";
export * from "./peers";
export * from "./defaultDeny";
export * from "./allowDns";
export * from "./egressAllowlist";
export * from "./isolatedNamespace";
export * from "./nginxService";
export { InputError } from "../validation/errors";
