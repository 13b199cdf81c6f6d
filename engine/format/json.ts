import type { Flow } from "../model/types";

/** Formats flows as `{"flows":[{"from","to","port","protocol","allowed","reasons"}, ...]}`, pretty-printed, ending with a newline. */
export function formatJson(flows: readonly Flow[]): string {
  const plain = flows.map((f) => ({ from: f.from, to: f.to, port: f.port, protocol: f.protocol, allowed: f.allowed, reasons: [...f.reasons] }));
  return `${JSON.stringify({ flows: plain }, null, 2)}\n`;
}
