// Display helpers: dates, instants, money and percentages in the current language; skill tags by their localized names.
import { i18n, currentLocale } from './i18n/index.ts'
import { session } from './session.ts'
import { ApiError } from './api.ts'

const localeTag = () => currentLocale() === 'en' ? 'en-GB' : 'zh-CN'

export const date = (value: string | null | undefined) =>
  value ? new Date(`${value.slice(0, 10)}T00:00:00Z`).toLocaleDateString(localeTag(), { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }) : ''

export const instant = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString(localeTag(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : ''

export const money = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : value.toLocaleString(localeTag())

export const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`

/** A track-record or target rate: a percentage, or "no data yet" when the API says null (a zero denominator, never 0 %). */
export const rateText = (value: number | null) => value === null ? i18n.global.t('org.noData') : percent(value)

/** A skill tag shown by its name in the current language when the vocabulary knows it. */
export function skillName (tag: string): string {
  const skill = session.skills.find((s) => s.tag === tag || s.aliases.includes(tag.toLowerCase()))
  if (!skill) return tag
  return currentLocale() === 'en' ? skill.nameEn : skill.nameZh
}

/** Tags by their names, each name once (an order may carry an alias and its canonical tag). */
export const skillNames = (tags: string[]) => [...new Set(tags.map(skillName))]

/** An alliance by its name in the current language. */
export function allianceName (code: string): string {
  const alliance = session.alliances.find((a) => a.code === code)
  if (!alliance) return code
  return currentLocale() === 'en' ? alliance.name : alliance.nameZh
}

/** A message for a failed call: the problem's code in words, or the server's detail. */
export function problemText (err: unknown): string {
  const t = i18n.global.t
  if (err instanceof ApiError) {
    const key = `errors.codes.${err.code}`
    const known = i18n.global.te(key) ? t(key) : t('errors.generic', { detail: err.message })
    const fields = err.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    return fields ? `${known} (${fields})` : known
  }
  return t('errors.network')
}

/** Today as YYYY-MM-DD (UTC). */
export const today = () => new Date().toISOString().slice(0, 10)
