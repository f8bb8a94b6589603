// Search terms for the order full-text index: CJK unigrams and bigrams, lower-cased, stemmed latin words.
import { stemmer } from 'stemmer'
import { normalizeSkillTag } from '../skills/index.ts'

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const WORD = /[\p{L}\p{N}]+/gu
const MAX_TERM_LENGTH = 60

const normalize = (text: string) => text.normalize('NFKC').toLowerCase()

/**
 * The version of the rules above and below: the terms stored in the search index (SQLite's FTS5 table
 * `order_search`, PostgreSQL's `orders.search_terms`) are rebuilt at start-up when the database holds another (search-index.ts). Raise it whenever indexTerms would give other terms.
 * 1: stemmed English words (version 0: the unstemmed words of the first index).
 * 2: alliance and owner tokens beside the plain terms (on main for an hour, replaced by 3).
 * 3: terms held under the order's alliance (allianceTerm), and its owner's token (organizationToken).
 * 4: its skill tags under its alliance (skillTerm), and on a cancelled order its bidders' tokens (bidderToken).
 */
export const SEARCH_INDEX_VERSION = 4

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

/** Every distinct term of a text, as the search index stores them: each CJK character and pair, each other word stemmed. */
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
 * A term as the index holds it for an order of `allianceId`: the alliance id's hex, `§`, the term. Each
 * alliance's orders have postings of their own, so a search of one alliance reads only its matches, however
 * common the term is in others (no text yields `§`, which is neither a letter nor a digit).
 */
export const allianceTerm = (allianceId: string, term: string): string => `${allianceId.replaceAll('-', '')}§${term}`

/** The term that stands for the enterprise that owns an order (`¤` and its id's hex; no text yields it either). */
export const organizationToken = (organizationId: string): string => `¤${organizationId.replaceAll('-', '')}`

/** The term that stands for a college that bid on a cancelled order (`†` and its id's hex). */
export const bidderToken = (organizationId: string): string => `†${organizationId.replaceAll('-', '')}`

/**
 * The term that stands for a skill tag as the order states it, normalized (`¶` and the hex of its UTF-8 bytes,
 * so a tag's hyphens and spaces split nothing). The order's own spellings, not their canonical skill: a query
 * naming a skill asks for every spelling the vocabulary holds for it (search-aliases.ts), so an alias added
 * later finds the orders already tagged with it, without rewriting them.
 */
export const skillTerm = (tag: string): string => `¶${Buffer.from(normalizeSkillTag(tag)).toString('hex')}`

/**
 * The order fields its search terms come from; `bidders`: the colleges that bid on it, given once it is
 * cancelled (they keep seeing it; its bids no longer change), else none.
 */
export type SearchableOrder = {
  allianceId: string
  organizationId: string
  title: string
  occupation: string
  description: string
  skills: readonly string[]
  bidders: readonly string[]
}

/**
 * What the search index holds for an order: the terms of its title, occupation and description and its skill
 * tags, under its alliance; its owner's token; on a cancelled order, its bidders' tokens.
 */
export const orderSearchTerms = (order: SearchableOrder): string[] => [...new Set([
  ...indexTerms(order.title, order.occupation, order.description).map((term) => allianceTerm(order.allianceId, term)),
  ...order.skills.filter((tag) => normalizeSkillTag(tag) !== '').map((tag) => allianceTerm(order.allianceId, skillTerm(tag))),
  organizationToken(order.organizationId),
  ...order.bidders.map(bidderToken)
])]

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

/** A query of at most this many terms has near variants (search-near.ts); every query term must match whatever the count (q ≤ 64 characters). */
export const MAX_QUERY_TERMS = 6

/** Up to `max` of the terms, spread evenly from first to last, so every part of a long query has a say. */
export function spreadTerms (terms: readonly string[], max: number): string[] {
  if (terms.length <= max) return [...terms]
  return Array.from({ length: max }, (_, i) => terms[Math.round(i * (terms.length - 1) / (max - 1))]!)
}
