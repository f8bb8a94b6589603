// The Content-Security-Policy of /docs: the API's policy plus sha256 hashes of Swagger UI's inline <style> elements.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { cspDirectives, type CspDirectives } from '../lib/security-headers.ts'

// The scripts the Swagger UI page loads that render <style> elements from string literals (the topbar logo's SVG).
const UI_SCRIPTS = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']
const INLINE_STYLE = /createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g

let hashes: string[] | undefined

/** `'sha256-…'` for every inline style the installed Swagger UI renders, read from its files once per process. */
export function swaggerUiStyleHashes (): string[] {
  if (hashes) return hashes
  const staticDir = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static')
  const found = new Set<string>()
  for (const file of UI_SCRIPTS) {
    for (const match of readFileSync(join(staticDir, file), 'utf8').matchAll(INLINE_STYLE)) {
      const text = JSON.parse(match[1] ?? '""') as string
      found.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`)
    }
  }
  hashes = [...found]
  return hashes
}

export function docsCspDirectives (): CspDirectives {
  return cspDirectives({ styleSrc: ["'self'", ...swaggerUiStyleHashes()] })
}
