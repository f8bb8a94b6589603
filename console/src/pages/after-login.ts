// Where a user lands after logging in: the page asked for, else the role's start page.
import type { Router } from 'vue-router'
import { loadMe, loadAlliances, loadSkills, session } from '../session.ts'

export async function enter (router: Router, next: unknown): Promise<void> {
  await loadMe()
  await Promise.all([loadAlliances(), loadSkills()])
  if (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//')) {
    await router.push(next)
    return
  }
  const role = session.me?.user.role
  await router.push(role === 'coordinator' ? '/queue' : role === 'admin' ? '/orders' : '/')
}
