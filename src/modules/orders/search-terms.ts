// Search terms for the order inverted index: CJK unigrams and bigrams, lower-cased, stemmed latin words.
import { stemmer } from 'stemmer'

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const WORD = /[\p{L}\p{N}]+/gu
const MAX_TERM_LENGTH = 60

const normalize = (text: string) => text.normalize('NFKC').toLowerCase()

/**
 * The version of the rules above and below: the terms stored in `order_terms` are rebuilt at start-up
 * when the database holds another (search-index.ts). Raise it whenever indexTerms would give other terms.
 * 1: stemmed English words (version 0: the unstemmed words of the first index).
 */
export const SEARCH_INDEX_VERSION = 1

const ENGLISH_WORD = /^[a-z]+$/

/**
 * One word as the index and queries hold it: English words (plain a–z) by the Porter stemmer, so
 * welders and welder, operators and operator, machining and machine meet; words with digits or other
 * letters as they are. The only place a word is stemmed: index and query terms cannot disagree.
 */
export function stem (word: string): string {
  const term = word.slice(0, MAX_TERM_LENGTH)
  return ENGLISH_WORD.test(term) ? stemmer(term) : term
}

/** Every distinct term of a text, as stored in `order_terms`: each CJK character and pair, each other word stemmed. */
export function indexTerms (...texts: string[]): string[] {
  const terms = new Set<string>()
  for (const text of texts.map(normalize)) {
    for (const run of text.match(CJK_RUN) ?? []) {
      const chars = [...run]
      chars.forEach((c, i) => {
        terms.add(c)
        if (i + 1 < chars.length) terms.add(c + chars[i + 1])
      })
    }
    for (const word of text.replace(CJK_RUN, ' ').match(WORD) ?? []) {
      terms.add(stem(word))
    }
  }
  return [...terms]
}

/**
 * The terms a query must all match: a single CJK character as itself, longer CJK runs as their
 * bigrams (so 焊工 matches 焊工 and 数控车床 needs 数控, 控车 and 车床), other words stemmed (see stem).
 */
export function queryTerms (query: string): string[] {
  const terms = new Set<string>()
  const text = normalize(query)
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run]
    if (chars.length === 1) terms.add(chars[0]!)
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!)
  }
  for (const word of text.replace(CJK_RUN, ' ').match(WORD) ?? []) terms.add(stem(word))
  return [...terms]
}

/** Query terms whose selectivity is looked up (one bounded index count each). */
export const MAX_CANDIDATE_TERMS = 16
/** Query terms a search uses: the rarest of the candidates. */
export const MAX_QUERY_TERMS = 6

/** Up to `max` of the terms, spread evenly from first to last, so every part of a long query has a say. */
export function spreadTerms (terms: readonly string[], max: number): string[] {
  if (terms.length <= max) return [...terms]
  return Array.from({ length: max }, (_, i) => terms[Math.round(i * (terms.length - 1) / (max - 1))]!)
}

/** The terms selectTerms counts the postings of (none for a query of one term). */
export const candidateTerms = (terms: readonly string[]): string[] => terms.length < 2 ? [] : spreadTerms(terms, MAX_CANDIDATE_TERMS)

/**
 * The terms a search runs on, the rarest first, so the shortest posting list drives the scan. The work
 * a query can cause is bounded whatever its length: at most MAX_CANDIDATE_TERMS are counted, and the
 * MAX_QUERY_TERMS rarest of them are used (each further term would only narrow what the rarest find).
 * `postings` counts a term's postings (it may stop counting at a cap).
 */
export function selectTerms (terms: readonly string[], postings: (term: string) => number): string[] {
  if (terms.length < 2) return [...terms]
  const sized = candidateTerms(terms).map((term) => ({ term, n: postings(term) }))
  return sized.sort((a, b) => a.n - b.n || b.term.length - a.term.length).slice(0, MAX_QUERY_TERMS).map((s) => s.term)
}
