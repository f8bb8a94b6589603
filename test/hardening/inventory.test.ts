// The API inventory: the app's own OpenAPI document is valid OpenAPI 3 and passes Spectral's OWASP ruleset (.spectral.yaml).
import t, { type Test } from 'tap'
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildTestApp } from '../helper.ts'
import { tempDir } from '../helpers/hardening.ts'
import { fromRoot } from '../../src/lib/project-root.ts'

type Finding = { code: string, message: string, path: string[], severity: number }
type Response = { headers?: Record<string, unknown>, content?: Record<string, unknown> }
type Operation = { security?: Record<string, string[]>[], responses: Record<string, Response> }

const METHODS = ['get', 'put', 'post', 'delete', 'patch']

async function documentOf (t: Test) {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(res.statusCode, 200)
  return { text: res.body, doc: res.json() as { openapi: string, paths: Record<string, Record<string, Operation>> } }
}

t.test('the OpenAPI document passes spectral:oas and the OWASP API security ruleset with no errors', async (t) => {
  const { text } = await documentOf(t)
  const file = join(tempDir(t), 'openapi.json')
  writeFileSync(file, text)
  const spectral = fromRoot('node_modules', '.bin', 'spectral')
  const run = await promisify(execFile)(spectral, ['lint', file, '--ruleset', fromRoot('.spectral.yaml'), '--format', 'json', '--fail-severity', 'error', '--quiet'], { cwd: fromRoot(), maxBuffer: 64 * 1024 * 1024 })
    .then((out) => ({ stdout: out.stdout, failed: false }), (error: { stdout?: string, stderr?: string }) => ({ stdout: error.stdout ?? '', failed: true, stderr: error.stderr }))
  const findings = JSON.parse(run.stdout.trim() === '' ? '[]' : run.stdout) as Finding[]
  const errors = findings.filter((f) => f.severity === 0)
  const summary = errors.slice(0, 15).map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`).join('\n')
  t.equal(errors.length, 0, `spectral errors:\n${summary}`)
  t.notOk(run.failed && errors.length === 0, 'spectral itself ran')
})

t.test('the document validates as OpenAPI 3.x', async (t) => {
  const { doc } = await documentOf(t)
  t.match(doc.openapi, /^3\.\d+\.\d+$/)
  const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0])
  t.ok(result.valid, `valid: ${JSON.stringify(result.errors ?? []).slice(0, 800)}`)
})

t.test('every operation documents 429 with Retry-After, 500, rate-limit headers, and 401 when it needs a token', async (t) => {
  const { doc } = await documentOf(t)
  let count = 0
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method]
      if (!operation) continue
      count++
      const name = `${method.toUpperCase()} ${path}`
      const responses = operation.responses
      t.ok(responses['429']?.headers?.['Retry-After'], `${name}: 429 with Retry-After`)
      t.ok(responses['500'], `${name}: 500`)
      if ((operation.security ?? []).some((s) => 'bearerAuth' in s)) t.ok(responses['401'], `${name}: 401`)
      const success = Object.entries(responses).filter(([status]) => status.startsWith('2'))
      t.ok(success.length > 0 && success.every(([, r]) => r.headers?.['RateLimit-Limit'] && r.headers['RateLimit-Reset']), `${name}: RateLimit headers`)
    }
  }
  t.ok(count >= 15, `${count} operations checked`)
})
