// The console's two languages: the same keys, real translations (Chinese in zh-CN, none in en), no characters vue-i18n would misread.
import t from 'tap'
import en from '../../console/src/i18n/en.ts'
import zh from '../../console/src/i18n/zh-CN.ts'

type Tree = { [key: string]: string | Tree }

function leaves (tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [p, v] of leaves(value, path)) out.set(p, v)
  }
  return out
}

const CJK = /[\u3400-\u9fff]/
// The switch names the other language in that language; a month is a number in English.
const SAME_BY_DESIGN = new Set(['app.language', 'report.month', 'report.na'])

t.test('both languages have the same keys', async (t) => {
  const e = leaves(en as Tree)
  const z = leaves(zh as Tree)
  t.same([...z.keys()].sort(), [...e.keys()].sort())
})

t.test('Chinese messages are Chinese and English ones are not', async (t) => {
  const e = leaves(en as Tree)
  const z = leaves(zh as Tree)
  const untranslated = [...z].filter(([k, v]) => !SAME_BY_DESIGN.has(k) && !CJK.test(v)).map(([k]) => k)
  t.same(untranslated, [], 'every zh-CN message holds Chinese')
  const chineseInEnglish = [...e].filter(([k, v]) => k !== 'app.language' && CJK.test(v)).map(([k]) => k)
  t.same(chineseInEnglish, [], 'no Chinese in the English messages')
})

t.test('placeholders match and no message uses vue-i18n special characters by accident', async (t) => {
  const e = leaves(en as Tree)
  const z = leaves(zh as Tree)
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
  for (const [key, value] of e) {
    t.same(names(z.get(key) ?? ''), names(value), `${key}: same placeholders`)
    t.notMatch(value, /[@|$]/, `${key} (en): no @ | $`)
    t.notMatch(z.get(key) ?? '', /[@|$]/, `${key} (zh-CN): no @ | $`)
  }
})
