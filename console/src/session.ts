// The signed-in user (GET /v1/me) as reactive state, plus the skills vocabulary and alliances the forms share.
import { reactive } from 'vue'
import * as api from './api.ts'
import type { Alliance, Me, Page, Skill } from './types.ts'

export const session = reactive({
  me: null as Me | null,
  skills: [] as Skill[],
  alliances: [] as Alliance[]
})

export async function loadMe (): Promise<void> {
  session.me = await api.get<Me>('/v1/me')
}

/** On start: a live cookie session becomes an access token and the user's profile, quietly. */
export async function resume (): Promise<boolean> {
  if (!(await api.refresh())) return false
  await loadMe()
  return true
}

export function clear (): void {
  session.me = null
}

export async function loadAlliances (): Promise<Alliance[]> {
  if (session.alliances.length === 0) session.alliances = (await api.get<Page<Alliance>>('/v1/alliances?limit=100')).items
  return session.alliances
}

export async function loadSkills (): Promise<Skill[]> {
  if (session.skills.length > 0) return session.skills
  const all: Skill[] = []
  let cursor: string | null = null
  do {
    const page: Page<Skill> = await api.get<Page<Skill>>(`/v1/skills${api.query({ limit: 100, cursor })}`)
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  session.skills = all
  return all
}

/** Alliance codes where the caller's organization is an active member. */
export const activeAlliances = () => (session.me?.memberships ?? []).filter((m) => m.status === 'active').map((m) => m.allianceCode)
export const role = () => session.me?.user.role ?? null
