/**
 * analyzeFlows: every source x destination x port x protocol of a cluster, with verdicts, in a
 * deterministic order. This is the CLI's report.
 */
import { InvalidInputError } from "../errors";
import { invalid } from "../messages";
import type { Cluster } from "../model/cluster";
import type { Flow, Peer, Protocol } from "../model/types";
import { PROTOCOLS } from "../model/types";
import { isProtocol, validateIpAddress, validatePortNumber } from "../kube/validate";
import { Analyzer } from "./analyzer";

/** What analyzeFlows reports. */
export interface AnalyzeFlowsOptions {
  /** Ports to check on every destination. @default each destination's declared container ports */
  readonly ports?: readonly number[];
  /** Protocols to check. @default TCP with `ports`; without `ports`, every declared protocol */
  readonly protocols?: readonly Protocol[];
  /** Addresses outside the cluster to use as extra sources. @default [] */
  readonly fromAddresses?: readonly string[];
  /** Addresses outside the cluster to use as extra destinations. @default [] */
  readonly toAddresses?: readonly string[];
}

interface PortProtocol {
  readonly port: number;
  readonly protocol: Protocol;
}

function sortPorts(ports: Iterable<PortProtocol>): PortProtocol[] {
  const unique = new Map<string, PortProtocol>();
  for (const p of ports) unique.set(`${p.port}/${p.protocol}`, p);
  return [...unique.values()].sort((a, b) => a.port - b.port || PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol));
}

function checkOptions(options: AnalyzeFlowsOptions): void {
  options.ports?.forEach((port, i) => {
    const error = validatePortNumber(port);
    if (error !== undefined) throw new InvalidInputError(error, { field: `ports[${i}]` });
  });
  options.protocols?.forEach((protocol, i) => {
    if (!isProtocol(protocol)) throw new InvalidInputError(invalid.unsupported(protocol, PROTOCOLS), { field: `protocols[${i}]` });
  });
  for (const key of ["fromAddresses", "toAddresses"] as const) {
    options[key]?.forEach((address, i) => {
      const error = validateIpAddress(address);
      if (error !== undefined) throw new InvalidInputError(error, { field: `${key}[${i}]` });
    });
  }
}

/**
 * Lists every flow with its verdict. Sources are all endpoints (sorted by id) then `fromAddresses`;
 * destinations are all endpoints then `toAddresses` (a pod to itself included). Ports per destination:
 * - with `ports`: each of them, for each of `protocols` (default TCP);
 * - without: the destination's declared container ports (filtered by `protocols` when given); an
 *   address destination gets every distinct port/protocol any endpoint declares (none declared: no
 *   flows for it).
 * Order: source, destination, port, protocol (TCP, UDP, SCTP). Address-to-address flows are listed as
 * allowed, with a reason saying NetworkPolicy does not decide them.
 */
export function analyzeFlows(cluster: Cluster, options: AnalyzeFlowsOptions = {}): Flow[] {
  checkOptions(options);
  const analyzer = new Analyzer(cluster);
  const protocols = options.protocols;
  const keep = (p: PortProtocol): boolean => protocols === undefined || protocols.includes(p.protocol);
  const explicit =
    options.ports === undefined
      ? undefined
      : sortPorts(options.ports.flatMap((port) => (protocols ?? ["TCP" as const]).map((protocol) => ({ port, protocol }))));
  const declaredAnywhere = sortPorts(cluster.endpoints.flatMap((e) => e.ports)).filter(keep);
  const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

  const sources: { peer: Peer; name: string }[] = [
    ...cluster.endpoints.map((e) => ({ peer: { endpoint: e.id }, name: e.id })),
    ...unique(options.fromAddresses ?? []).map((a) => ({ peer: { address: a }, name: a })),
  ];
  const destinations: { peer: Peer; name: string; ports: readonly PortProtocol[] }[] = [
    ...cluster.endpoints.map((e) => ({ peer: { endpoint: e.id }, name: e.id, ports: explicit ?? sortPorts(e.ports).filter(keep) })),
    ...unique(options.toAddresses ?? []).map((a) => ({ peer: { address: a }, name: a, ports: explicit ?? declaredAnywhere })),
  ];

  const flows: Flow[] = [];
  for (const source of sources) {
    for (const destination of destinations) {
      for (const { port, protocol } of destination.ports) {
        const verdict = analyzer.evaluate(source.peer, destination.peer, port, protocol);
        flows.push({ from: source.name, to: destination.name, port, protocol, allowed: verdict.allowed, reasons: verdict.reasons });
      }
    }
  }
  return flows;
}
