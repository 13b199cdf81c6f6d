/**
 * Reading Pods and workloads into endpoints: labels, container ports and (for Pods) IPs.
 */
import { invalid } from "../messages";
import type { ContainerPort, Endpoint, Labels } from "../model/types";
import { PROTOCOLS } from "../model/types";
import { isProtocol, validateIpAddress, validatePortName, validatePortNumber } from "../kube/validate";
import { fieldPath, indexPath, type FieldReader, type Mapping } from "./reader";

/** Workload kinds and the path of their pod template. Each becomes one endpoint. */
export const WORKLOAD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  Job: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** Reads the container ports of a pod spec (containers and init containers); names must be unique. */
function readPodSpecPorts(reader: FieldReader, specValue: unknown, field: string): ContainerPort[] {
  const spec = reader.optionalMapping(specValue, field);
  const ports: ContainerPort[] = [];
  if (spec === undefined) return ports;
  const names = new Set<string>();
  for (const key of ["initContainers", "containers"]) {
    const containersPath = fieldPath(field, key);
    (reader.optionalList(spec[key], containersPath) ?? []).forEach((rawContainer, i) => {
      const containerPath = indexPath(containersPath, i);
      const container = reader.mapping(rawContainer, containerPath);
      const portsPath = fieldPath(containerPath, "ports");
      (reader.optionalList(container["ports"], portsPath) ?? []).forEach((rawPort, j) => {
        const path = indexPath(portsPath, j);
        const entry = reader.mapping(rawPort, path);
        const numberPath = fieldPath(path, "containerPort");
        const port = reader.optionalInteger(entry["containerPort"], numberPath);
        if (port === undefined) reader.fail(numberPath, invalid.required());
        reader.check(validatePortNumber(port), numberPath);
        const protocolPath = fieldPath(path, "protocol");
        const protocol = reader.optionalString(entry["protocol"], protocolPath) ?? "TCP";
        if (!isProtocol(protocol)) reader.fail(protocolPath, invalid.unsupported(protocol, PROTOCOLS));
        const namePath = fieldPath(path, "name");
        const name = reader.optionalString(entry["name"], namePath);
        if (name === undefined) {
          ports.push({ port, protocol });
          return;
        }
        reader.check(validatePortName(name), namePath);
        if (names.has(name)) reader.fail(namePath, invalid.duplicatePortName(name));
        names.add(name);
        ports.push({ name, port, protocol });
      });
    });
  }
  return ports;
}

/** Reads `status.podIP` and `status.podIPs[].ip`, validated, without duplicates. */
function readPodIps(reader: FieldReader, statusValue: unknown): string[] {
  const status = reader.optionalMapping(statusValue, "status");
  if (status === undefined) return [];
  const ips: string[] = [];
  const add = (value: unknown, path: string): void => {
    const ip = reader.optionalString(value, path);
    if (ip === undefined || ip === "") return;
    reader.check(validateIpAddress(ip), path);
    if (!ips.includes(ip)) ips.push(ip);
  };
  add(status["podIP"], "status.podIP");
  (reader.optionalList(status["podIPs"], "status.podIPs") ?? []).forEach((raw, i) => {
    const path = indexPath("status.podIPs", i);
    add(reader.mapping(raw, path)["ip"], fieldPath(path, "ip"));
  });
  return ips;
}

/** Identity of a namespaced object, already validated. */
export interface ObjectIdentity {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
}

/** Reads a Pod: its own labels, container ports and IPs. */
export function readPod(reader: FieldReader, object: Mapping, identity: ObjectIdentity): Endpoint {
  return {
    id: `${identity.namespace}/${identity.name}`,
    namespace: identity.namespace,
    name: identity.name,
    kind: "Pod",
    labels: identity.labels,
    ips: readPodIps(reader, object["status"]),
    ports: readPodSpecPorts(reader, object["spec"], "spec"),
  };
}

/**
 * Reads a workload as one endpoint standing for its pods: the pod template's labels and ports. Its
 * IPs are unknown (empty), so ipBlock peers never match it.
 */
export function readWorkload(reader: FieldReader, object: Mapping, kind: string, templatePath: readonly string[], identity: ObjectIdentity): Endpoint {
  let template: Mapping = object;
  let path = "";
  for (const key of templatePath) {
    path = fieldPath(path, key);
    template = reader.mapping(template[key], path);
  }
  const metadata = reader.optionalMapping(template["metadata"], fieldPath(path, "metadata"));
  const labels = reader.labels(metadata?.["labels"], fieldPath(fieldPath(path, "metadata"), "labels"));
  return {
    id: `${identity.namespace}/${identity.name}`,
    namespace: identity.namespace,
    name: identity.name,
    kind,
    labels,
    ips: [],
    ports: readPodSpecPorts(reader, template["spec"], fieldPath(path, "spec")),
  };
}
