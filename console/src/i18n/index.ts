// i18n: Chinese by default whatever the browser says; the chosen language is remembered and shown in html[lang].
import { createI18n } from 'vue-i18n'
import en from './en.ts'
import zh from './zh-CN.ts'

export type Locale = 'zh-CN' | 'en'
const STORAGE_KEY = 'talent-orders.lang'

function stored (): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: stored(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en }
})

export function applyLocale (locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try { localStorage.setItem(STORAGE_KEY, locale) } catch { /* private mode: the switch lasts for this page */ }
}

export const currentLocale = (): Locale => i18n.global.locale.value as Locale
