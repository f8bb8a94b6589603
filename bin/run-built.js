// Runs a compiled entry point from dist/ (`node bin/run-built.js src/server`), or says how to build it; needs no dev dependency.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const name = process.argv[2]
if (!name) {
  process.stderr.write('usage: node bin/run-built.js src/server | scripts/migrate | scripts/seed | scripts/backup | scripts/db-copy [ARGS]\n')
  process.exit(2)
}
const entry = fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url))
if (!existsSync(entry)) {
  process.stderr.write(`talent-orders: ${entry} is missing: run \`npm run build\` first (it compiles the TypeScript into dist/; see docs/operations.md)\n`)
  process.exit(1)
}
// The entry sees the arguments as if it had been started directly (`node dist/<name>.js ARGS`).
process.argv.splice(1, 2, entry)
await import(pathToFileURL(entry).href)
