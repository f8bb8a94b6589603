// The modules under src/modules import each other one way only: no cycle between modules.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { fromRoot } from '../../src/lib/project-root.ts'

const modulesDir = fromRoot('src/modules')
const IMPORT = /from '\.\.\/([a-z-]+)\/[^']+'/g

/** module -> the other modules its files import. */
function moduleGraph (): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const name of readdirSync(modulesDir)) {
    const uses = new Set<string>()
    for (const file of readdirSync(join(modulesDir, name)).filter((f) => f.endsWith('.ts'))) {
      for (const match of readFileSync(join(modulesDir, name, file), 'utf8').matchAll(IMPORT)) {
        if (match[1] !== '..' && match[1] !== name) uses.add(match[1] as string)
      }
    }
    graph.set(name, uses)
  }
  return graph
}

/** One cycle as a path of module names, or undefined. */
function findCycle (graph: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>()
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name]
    if (done.has(name)) return undefined
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next, [...path, name])
      if (cycle) return cycle
    }
    done.add(name)
    return undefined
  }
  for (const name of graph.keys()) {
    const cycle = visit(name, [])
    if (cycle) return cycle
  }
  return undefined
}

t.test('the graph reads the imports between modules', async (t) => {
  const graph = moduleGraph()
  t.ok(graph.get('matches')?.has('orders'), 'matches uses orders')
  t.ok(graph.get('bids')?.has('orders'), 'bids uses orders')
})

t.test('no import cycle between modules', async (t) => {
  t.equal(findCycle(moduleGraph())?.join(' -> '), undefined)
})

t.test('the cycle finder finds a cycle', async (t) => {
  const graph = new Map([['orders', new Set(['bids'])], ['bids', new Set(['orders'])]])
  t.same(findCycle(graph), ['orders', 'bids', 'orders'])
})
