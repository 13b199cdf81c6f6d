import type { Flow } from "../model/types";
import { PROTOCOLS } from "../model/types";
import { distinct, isOutsidePolicy } from "./names";

/** Cell marks of the table. */
export const TABLE_MARKS = { allowed: "✓", denied: "✗", notChecked: "·", outside: "-" } as const;

const pad = (text: string, width: number): string => text + " ".repeat(Math.max(0, width - [...text].length));

/**
 * Formats flows as one matrix per port/protocol: rows are sources, columns destinations (numbered,
 * with a key), cells ✓ allowed, ✗ denied, · not checked (the destination does not use this port),
 * - outside NetworkPolicy (address to address). Ends with a legend.
 */
export function formatTable(flows: readonly Flow[]): string {
  if (flows.length === 0) return "No flows to show: no destination declares a port; pass --port to choose one.\n";
  const sources = distinct(flows.map((f) => f.from));
  const destinations = distinct(flows.map((f) => f.to));
  const groups = distinct(
    [...flows].sort((a, b) => a.port - b.port || PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol)).map((f) => `${f.port}/${f.protocol}`),
  );
  const cells = new Map<string, string>();
  for (const f of flows) {
    const mark = isOutsidePolicy(f) ? TABLE_MARKS.outside : f.allowed ? TABLE_MARKS.allowed : TABLE_MARKS.denied;
    cells.set(`${f.port}/${f.protocol}\n${f.from}\n${f.to}`, mark);
  }
  const lines: string[] = ["Destinations:"];
  destinations.forEach((d, j) => lines.push(`  [${j + 1}] ${d}`));
  const rowWidth = Math.max("from \\ to".length, ...sources.map((s) => s.length)) + 2;
  const colWidth = String(destinations.length).length + 2;
  for (const group of groups) {
    lines.push("", `${group}:`);
    lines.push(pad("from \\ to", rowWidth) + destinations.map((_, j) => pad(String(j + 1), colWidth)).join("").trimEnd());
    for (const s of sources) {
      const row = destinations.map((d) => pad(cells.get(`${group}\n${s}\n${d}`) ?? TABLE_MARKS.notChecked, colWidth)).join("");
      lines.push((pad(s, rowWidth) + row).trimEnd());
    }
  }
  lines.push(
    "",
    `Legend: rows are sources, columns are destinations (numbered above); ${TABLE_MARKS.allowed} allowed, ${TABLE_MARKS.denied} denied, ` +
      `${TABLE_MARKS.notChecked} not checked (the destination does not use this port), ${TABLE_MARKS.outside} outside NetworkPolicy (address to address).`,
  );
  return `${lines.join("\n")}\n`;
}
