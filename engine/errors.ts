import { invalidInputMessage } from "./messages";

/** Where an invalid value was found: the document (e.g. `a.yaml#2 (Pod x/a)`) and the field path. */
export interface InvalidInputLocation {
  /** The document, e.g. `policies.yaml#2 (NetworkPolicy advanced-policy-demo/access-nginx)`, or `--port`. */
  readonly source?: string;
  /** The field path inside the document, e.g. `spec.ingress[0].ports[1].endPort`. */
  readonly field?: string;
}

/**
 * The one error the engine throws for input it cannot accept: a manifest that does not parse or does
 * not validate, a bad command-line flag, a query naming an unknown endpoint. The message names the
 * document and the field; nothing is guessed.
 */
export class InvalidInputError extends Error {
  /** The document (or flag) at fault, when known. */
  readonly source?: string;
  /** The field path at fault, when known. */
  readonly field?: string;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(detail: string, location: InvalidInputLocation = {}) {
    super(invalidInputMessage(detail, location.source, location.field));
    this.name = "InvalidInputError";
    this.detail = detail;
    if (location.source !== undefined) this.source = location.source;
    if (location.field !== undefined) this.field = location.field;
  }
}
