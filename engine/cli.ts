/**
 * The `reachability` command line:
 *   reachability --manifests PATH [--manifests PATH ...] [--port N ...] [--protocol TCP|UDP|SCTP ...]
 *                [--to ADDRESS ...] [--from ADDRESS ...] [--format table|json|mermaid]
 * Exit status: 0 on success, 2 on invalid input (one error line on stderr, no stack trace), 1 on an
 * internal error.
 */
import { InvalidInputError } from "./errors";
import { analyzeFlows } from "./analyze/flows";
import { formatJson } from "./format/json";
import { formatMermaid } from "./format/mermaid";
import { formatTable } from "./format/table";
import { isProtocol, validateIpAddress, validatePortNumber } from "./kube/validate";
import { loadCluster } from "./load/cluster";
import { readManifests } from "./load/io";
import { invalid } from "./messages";
import type { Protocol } from "./model/types";
import { PROTOCOLS } from "./model/types";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The output formats. */
export const FORMATS = ["table", "json", "mermaid"] as const;
/** An output format. */
export type Format = (typeof FORMATS)[number];

/** Parsed command-line options. */
export interface CliOptions {
  readonly manifests: readonly string[];
  readonly ports: readonly number[];
  readonly protocols: readonly Protocol[];
  readonly to: readonly string[];
  readonly from: readonly string[];
  readonly format: Format;
  readonly help: boolean;
}

/** Usage text. */
export const USAGE = `Usage: reachability --manifests PATH [--manifests PATH ...] [--port N ...] [--protocol TCP|UDP|SCTP ...]
                    [--to ADDRESS ...] [--from ADDRESS ...] [--format table|json|mermaid]

Decides, from manifests alone, which flows Kubernetes NetworkPolicy allows, and why.
  --manifests PATH  a YAML/JSON file (several documents allowed) or a folder of them (repeatable)
  --port N          a destination port to check (repeatable); default: each destination's declared ports
  --protocol P      TCP, UDP or SCTP (repeatable); default with --port: TCP
  --to ADDRESS      an address outside the cluster to use as a destination (repeatable)
  --from ADDRESS    an address outside the cluster to use as a source (repeatable)
  --format F        table (default), json or mermaid
`;

const VALUE_FLAGS = ["--manifests", "--port", "--protocol", "--to", "--from", "--format"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];
const isValueFlag = (flag: string): flag is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(flag);
const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

/** Parses argv (without node and script). Throws InvalidInputError naming the flag. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const values: Record<ValueFlag, string[]> = { "--manifests": [], "--port": [], "--protocol": [], "--to": [], "--from": [], "--format": [] };
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (!isValueFlag(flag)) {
      throw new InvalidInputError(arg.startsWith("-") ? `unknown option ${JSON.stringify(flag)} (see --help)` : `unexpected argument ${JSON.stringify(arg)} (see --help)`);
    }
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "") throw new InvalidInputError("a value is required", { source: flag });
    values[flag].push(value);
  }
  if (help) return { manifests: [], ports: [], protocols: [], to: [], from: [], format: "table", help };
  if (values["--manifests"].length === 0) throw new InvalidInputError("at least one --manifests PATH is required (see --help)");
  const ports = values["--port"].map((text) => {
    const port = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
    const error = Number.isNaN(port) ? invalid.notInteger(text) : validatePortNumber(port);
    if (error !== undefined) throw new InvalidInputError(error, { source: "--port" });
    return port;
  });
  const protocols = values["--protocol"].map((text) => {
    const protocol = text.toUpperCase();
    if (!isProtocol(protocol)) throw new InvalidInputError(invalid.unsupported(text, PROTOCOLS), { source: "--protocol" });
    return protocol;
  });
  for (const flag of ["--to", "--from"] as const) {
    for (const address of values[flag]) {
      const error = validateIpAddress(address);
      if (error !== undefined) throw new InvalidInputError(error, { source: flag });
    }
  }
  if (values["--format"].length > 1) throw new InvalidInputError("may be given only once", { source: "--format" });
  const format = values["--format"][0] ?? "table";
  if (!isFormat(format)) throw new InvalidInputError(invalid.unsupported(format, FORMATS), { source: "--format" });
  return { manifests: values["--manifests"], ports, protocols, to: values["--to"], from: values["--from"], format, help };
}

const defaultIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Runs the CLI; resolves to the exit status. Never throws, never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    const cluster = loadCluster(readManifests(options.manifests));
    const flows = analyzeFlows(cluster, {
      ...(options.ports.length > 0 ? { ports: options.ports } : {}),
      ...(options.protocols.length > 0 ? { protocols: options.protocols } : {}),
      fromAddresses: options.from,
      toAddresses: options.to,
    });
    const render = { table: formatTable, json: formatJson, mermaid: formatMermaid }[options.format];
    io.stdout(render(flows));
    return 0;
  } catch (error) {
    if (error instanceof InvalidInputError) {
      io.stderr(`reachability: ${error.message}\n`);
      return 2;
    }
    io.stderr(`reachability: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
