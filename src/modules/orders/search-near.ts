// Near matches for CJK queries (engine-independent): what 焊接工 means when no order holds it exactly, and the tiered cursor.
import { ID_PATTERN } from '../../lib/pagination.ts'
import { MAX_QUERY_TERMS, queryTerms, spreadTerms } from './search-terms.ts'

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu

/** A CJK run this long or longer has near variants. */
export const MIN_NEAR_RUN = 3
/** Near variants a query runs at most (spread over its inner characters). */
export const MAX_NEAR_VARIANTS = 3

/**
 * The near variants of a query, each as the terms it must all match: the query with one inner character
 * (not the first or last) of a CJK run of three or more characters left out, the rest of the query as it
 * is. 焊接工 gives 焊工; 数控车床 gives 数车床 and 数控床. Dropping an end character is not a variant: it
 * leaves a part of the query (焊接 of 焊接工), which would find every order about something broader.
 * Only a query of at most MAX_QUERY_TERMS terms has variants (so each variant's terms are all used and
 * counted at most once), and at most MAX_NEAR_VARIANTS of them run. A variant whose terms are the exact
 * query's is left out; the same terms twice are one variant.
 */
export function nearVariants (query: string): string[][] {
  const text = query.normalize('NFKC').toLowerCase()
  const exact = queryTerms(text)
  if (exact.length > MAX_QUERY_TERMS) return []
  const exactKey = [...exact].sort().join(' ')
  const variants = new Map<string, string[]>()
  for (const run of text.matchAll(CJK_RUN)) {
    const chars = [...run[0]]
    if (chars.length < MIN_NEAR_RUN) continue
    for (let i = 1; i + 1 < chars.length; i++) {
      const shorter = chars.slice(0, i).join('') + chars.slice(i + 1).join('')
      const terms = queryTerms(text.slice(0, run.index) + shorter + text.slice(run.index + run[0].length))
      const key = [...terms].sort().join(' ')
      if (key !== exactKey && !variants.has(key)) variants.set(key, terms)
    }
  }
  return spreadTerms([...variants.keys()], MAX_NEAR_VARIANTS).map((key) => variants.get(key)!)
}

/** Where a search page starts: in the exact tier or the near tier, below an id (or at the top of the tier). */
export type SearchPosition = { tier: 'exact' | 'near', beforeId: string | undefined }

const NEAR = 'near:'

/** The opaque cursor of a position: the exact tier's is a plain id cursor, as for every list. */
export function encodeSearchCursor (position: SearchPosition): string {
  const text = position.tier === 'near' ? NEAR + (position.beforeId ?? '') : position.beforeId!
  return Buffer.from(text, 'utf8').toString('base64url')
}

const ID = ID_PATTERN.source.slice(1, -1)

/** Cursors a search gives (for decodeCursor): a plain id (exact tier), or `near:` with an optional id. */
export const SEARCH_CURSOR = new RegExp(`^(?:${ID}|${NEAR}(?:${ID})?)$`)

/** A cursor's decoded text (checked against SEARCH_CURSOR) as a position; none means the top of the exact tier. */
export function searchPositionOf (text: string | undefined): SearchPosition {
  if (text === undefined) return { tier: 'exact', beforeId: undefined }
  if (!text.startsWith(NEAR)) return { tier: 'exact', beforeId: text }
  const id = text.slice(NEAR.length)
  return { tier: 'near', beforeId: id === '' ? undefined : id }
}
