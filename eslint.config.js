// Lint configuration: neostandard style with TypeScript support.
import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'console/dist/**', 'db/migrations/**', 'node_modules/**', '.tap/**', 'data/**'] }),
  {
    // Route schemas read best with tags, summary and security on one line.
    rules: { '@stylistic/object-property-newline': 'off' }
  }
]
