// Lint configuration: neostandard style with TypeScript support.
import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'console/dist/**', 'db/migrations/**', 'node_modules/**', '.tap/**', 'data/**'] }),
  {
    // Route schemas read best with tags, summary and security on one line.
    rules: { '@stylistic/object-property-newline': 'off' }
  },
  {
    // Async data access: a forgotten await would run a statement after its transaction ended.
    files: ['src/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // tap's t.test() returns a promise that tap itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'only'], package: '@tapjs/test' }] }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }]
    }
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
