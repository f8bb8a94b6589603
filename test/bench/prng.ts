// A small seeded PRNG (mulberry32) and the draws the generator needs, so every run builds the same market.
export type Rng = {
  /** A float in [0, 1). */
  next: () => number
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
  /** true with probability p. */
  chance: (p: number) => boolean
  /** Up to `count` distinct items of `items`, in draw order. */
  sample: <T>(items: readonly T[], count: number) => T[]
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K
}

export function createRng (seed: number): Rng {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(next() * items.length)] as T
  }
  const sample = <T>(items: readonly T[], count: number): T[] => {
    if (count >= items.length) return [...items]
    const chosen = new Set<number>()
    while (chosen.size < count) chosen.add(Math.floor(next() * items.length))
    return [...chosen].map((i) => items[i] as T)
  }
  const weighted = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as [K, number][]
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0)
    for (const [key, weight] of entries) {
      roll -= weight
      if (roll < 0) return key
    }
    return entries[entries.length - 1]![0]
  }
  return { next, int, pick, chance: (p) => next() < p, sample, weighted }
}
