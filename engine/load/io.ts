/**
 * Reading manifests: YAML files (several documents each), JSON files, and folders of them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { InvalidInputError } from "../errors";
import { invalid } from "../messages";

/** One parsed Kubernetes object and where it came from (`file.yaml#2`: the file and the 1-based document index). */
export interface ManifestDocument {
  readonly source: string;
  readonly object: unknown;
}

const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

/**
 * Parses a YAML (1.2) or JSON text holding one or more documents. Empty documents are skipped; the
 * others are named `source#N`, N counting from 1. A syntax error (or a duplicate key) throws an
 * InvalidInputError naming the document.
 */
export function parseManifestText(text: string, source: string): ManifestDocument[] {
  const documents: ManifestDocument[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    const name = `${source}#${index + 1}`;
    const [error] = document.errors;
    if (error !== undefined) {
      throw new InvalidInputError(invalid.yaml(error.message.split("\n")[0] ?? error.message), { source: name });
    }
    const object: unknown = document.toJS();
    if (object !== null && object !== undefined) documents.push({ source: name, object });
  });
  return documents;
}

function listFolder(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) files.push(path);
    }
  };
  walk(folder);
  return files.sort();
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new InvalidInputError(invalid.unreadable(error instanceof Error ? error.message : String(error)), { source: path });
  }
}

/**
 * Reads manifest files and folders, in the order given. A folder contributes every `*.yaml`, `*.yml`
 * and `*.json` file below it, sorted by path; a folder with none is an error (it is probably a typo).
 */
export function readManifests(paths: readonly string[]): ManifestDocument[] {
  const documents: ManifestDocument[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      throw new InvalidInputError(invalid.unreadable(error instanceof Error ? error.message : String(error)), { source: path });
    }
    const files = isFolder ? listFolder(path) : [path];
    if (files.length === 0) throw new InvalidInputError(invalid.noManifests(), { source: path });
    for (const file of files) documents.push(...parseManifestText(readText(file), file));
  }
  return documents;
}
