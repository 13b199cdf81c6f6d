#!/usr/bin/env node
// Entry point of `npx reachability`: runs the TypeScript CLI through tsx's CommonJS loader.
require("tsx/cjs");
require("../cli.ts").main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`reachability: ${err instanceof Error ? err.message : String(err)}\n`); process.exitCode = 2; },
);
