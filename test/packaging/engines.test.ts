// The engines field tells the truth about production: every Node.js it admits is admitted by every locked production package.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import t from 'tap'
import { fromRoot } from '../../src/lib/project-root.ts'

type Lock = { packages: Record<string, { engines?: { node?: string } | string[], dev?: boolean }> }

// npm's own range library, present through the dev tools (tap, eslint); typed here for what the test uses.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion: (range: string) => { version: string, major: number } | null
  satisfies: (version: string, range: string) => boolean
}

const manifest = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync(fromRoot('package-lock.json'), 'utf8')) as Lock

/** The lowest version of each `||` part of a range, and the first of each major it admits (`>=22.9.0` admits 23.0.0). */
function probes (range: string): string[] {
  const found = new Set<string>()
  for (const part of range.split('||')) {
    const low = semver.minVersion(part)
    if (!low) continue
    found.add(low.version)
    for (let major = low.major + 1; major <= 26; major++) {
      if (semver.satisfies(`${major}.0.0`, part)) found.add(`${major}.0.0`)
    }
  }
  return [...found]
}

t.test('every Node.js version engines admits is admitted by every production package of the lock file', async (t) => {
  const versions = probes(manifest.engines.node)
  t.ok(versions.length >= 2, versions.join(', '))
  const refused: string[] = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    const node = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node
    // Dev tools declare newer Node.js than they need (docs/dependencies.md); `npm ci --omit=dev` installs none of them.
    if (!path || node === undefined || entry.dev === true) continue
    for (const version of versions) {
      if (!semver.satisfies(version, node)) refused.push(`${path.replace(/^.*node_modules\//, '')} (${node}) refuses ${version}`)
    }
  }
  t.same([...new Set(refused)], [], `engines "${manifest.engines.node}" admits only Node.js versions every production dependency supports`)
})
