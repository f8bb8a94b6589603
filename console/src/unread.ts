// The caller's unread notification count, shared by the header and the notifications page; a late answer never overwrites a newer one.
import { reactive } from 'vue'
import * as api from './api.ts'
import type { NotificationPage } from './types.ts'

export const unread = reactive({ count: null as number | null })

let issued = 0
let applied = 0

/** Takes a place in line before asking the API: answers are applied in the order they were asked for. */
export const unreadTicket = () => ++issued

/** Shows the API's unreadCount from an answer asked for with `ticket`, unless a newer answer is already shown. */
export function setUnread (ticket: number, count: number): void {
  if (ticket <= applied) return
  applied = ticket
  unread.count = count
}

/** Asks the API for the count; on failure the last count stays (or none shows yet). */
export async function refreshUnread (): Promise<void> {
  const ticket = unreadTicket()
  try {
    setUnread(ticket, (await api.get<NotificationPage>('/v1/notifications?unread=true&limit=1')).unreadCount)
  } catch { /* offline or signed out: keep what is shown */ }
}

/** Forgets the count (signing out): answers still on their way are dropped. */
export function resetUnread (): void {
  applied = issued
  unread.count = null
}
