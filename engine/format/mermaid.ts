import type { Flow } from "../model/types";
import { distinct, isAddressName, isOutsidePolicy } from "./names";

/** Escapes a label for a quoted Mermaid string. */
function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

/**
 * Formats the allowed flows as a Mermaid `flowchart LR`: one node per source and destination (pods
 * and workloads as boxes, addresses as stadiums), one edge per allowed pair labelled with its ports.
 * Node ids are sanitised (`n_` + [A-Za-z0-9_], made unique); labels are quoted. Address-to-address
 * flows are not drawn (NetworkPolicy does not decide them).
 */
export function formatMermaid(flows: readonly Flow[]): string {
  const names = distinct(flows.flatMap((f) => [f.from, f.to]));
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = `n_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(name, id);
  }
  const lines = ["flowchart LR"];
  for (const name of names) {
    const id = ids.get(name) ?? "";
    lines.push(isAddressName(name) ? `  ${id}([${label(name)}])` : `  ${id}[${label(name)}]`);
  }
  const edges = new Map<string, { from: string; to: string; ports: string[] }>();
  for (const f of flows) {
    if (!f.allowed || isOutsidePolicy(f)) continue;
    const key = `${f.from}\n${f.to}`;
    const edge = edges.get(key) ?? { from: f.from, to: f.to, ports: [] };
    edge.ports.push(`${f.port}/${f.protocol}`);
    edges.set(key, edge);
  }
  for (const edge of edges.values()) {
    lines.push(`  ${ids.get(edge.from) ?? ""} -->|${label(distinct(edge.ports).join(", "))}| ${ids.get(edge.to) ?? ""}`);
  }
  return `${lines.join("\n")}\n`;
}
