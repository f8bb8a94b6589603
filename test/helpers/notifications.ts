// Notification test helpers: pages of the change feed, and the whole feed once it has caught up with what was written.
import { api, type Session, type TestApp } from '../helper.ts'

export type FeedEvent = { id: string, type: string, occurredAt: string, orderId: string | null, data: Record<string, unknown> }
export type FeedPage = { items: FeedEvent[], nextCursor: string }

export async function feedPage (app: TestApp, who: Session, query = ''): Promise<FeedPage> {
  const res = await api(app, who.token, { method: 'GET', url: `/v1/events${query}` })
  if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** The caller's notifications as stored: what its feed must come to. */
async function storedCount (app: TestApp, who: Session): Promise<number> {
  const row = await app.data.get<{ count: number | string }>('select count(*) as count from notifications where recipient_id = @id', { id: who.organizationId ?? who.userId })
  return Number(row?.count ?? 0)
}

/**
 * Every event of the caller's feed from `after`, following the cursors. On PostgreSQL the feed reads only below the
 * oldest transaction running in the cluster (other test files' included), so a read can briefly end early: the read
 * is repeated from the start until it holds every stored notification, for at most 15 s.
 */
export async function wholeFeed (app: TestApp, who: Session, limit = 100): Promise<FeedEvent[]> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const events: FeedEvent[] = []
    let page = await feedPage(app, who, `?limit=${limit}`)
    while (page.items.length > 0) {
      events.push(...page.items)
      page = await feedPage(app, who, `?limit=${limit}&after=${page.nextCursor}`)
    }
    if (events.length >= await storedCount(app, who) || Date.now() > deadline) return events
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The cursor at the end of the caller's caught-up feed. */
export async function feedEnd (app: TestApp, who: Session): Promise<string> {
  const total = (await wholeFeed(app, who)).length
  let page = await feedPage(app, who, '?limit=100')
  let read = page.items.length
  while (page.items.length > 0 || read < total) {
    page = await feedPage(app, who, `?limit=100&after=${page.nextCursor}`)
    read += page.items.length
  }
  return page.nextCursor
}

/** Pages of `limit` from `after` until `count` events are read (waiting out a lagging feed for at most 15 s). */
export async function feedUntil (app: TestApp, who: Session, after: string, count: number, limit: number): Promise<{ pages: FeedEvent[][], nextCursor: string }> {
  const deadline = Date.now() + 15_000
  const pages: FeedEvent[][] = []
  let cursor = after
  let read = 0
  while (read < count && Date.now() < deadline) {
    const page = await feedPage(app, who, `?limit=${limit}&after=${cursor}`)
    if (page.items.length > 0) pages.push(page.items)
    else await new Promise((resolve) => setTimeout(resolve, 50))
    read += page.items.length
    cursor = page.nextCursor
  }
  return { pages, nextCursor: cursor }
}
