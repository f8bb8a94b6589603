// Lint configuration: neostandard style with TypeScript support.
import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'console/dist/**', 'db/migrations/**', 'node_modules/**', '.tap/**', 'data/**'] }),
  {
    // Route schemas read best with tags, summary and security on one line.
    rules: { '@stylistic/object-property-newline': 'off' }
  },
  {
    // A module uses another only through its public surface (src/modules/<m>/index.ts).
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)',
          message: 'Import another module only through its index.ts (its public surface).'
        }, {
          regex: '^(\\.\\./)+modules/',
          message: "Import another module as '../<module>/index.ts'."
        }]
      }]
    }
  }
]
