// Search terms for the order inverted index: CJK unigrams and bigrams, lower-cased latin words.
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
const WORD = /[\p{L}\p{N}]+/gu
const MAX_TERM_LENGTH = 60

const normalize = (text: string) => text.normalize('NFKC').toLowerCase()

/** Every distinct term of a text, as stored in `order_terms`: each CJK character and pair, each other word. */
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
      terms.add(word.slice(0, MAX_TERM_LENGTH))
    }
  }
  return [...terms]
}

/**
 * The terms a query must all match: a single CJK character as itself, longer CJK runs as their
 * bigrams (so 焊工 matches 焊工 and 数控车床 needs 数控, 控车 and 车床), other words whole.
 */
export function queryTerms (query: string): string[] {
  const terms = new Set<string>()
  const text = normalize(query)
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run]
    if (chars.length === 1) terms.add(chars[0]!)
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!)
  }
  for (const word of text.replace(CJK_RUN, ' ').match(WORD) ?? []) terms.add(word.slice(0, MAX_TERM_LENGTH))
  return [...terms]
}
