// The change feed: a recipient's events oldest first, resumable exactly where it stopped, also while events commit late.
import type { Executor } from '../../../db/executor.ts'
import { badRequest } from '../../lib/problems.ts'
import { notificationColumns, type NotificationRow } from './repository.ts'

/**
 * Where a reader stands: the transaction id and sequence number of the last row it read. SQLite numbers rows in
 * commit order (one writer at a time), so its transaction id is always 0. On PostgreSQL a sequence number is taken
 * before its transaction commits, so a later number can commit first: the feed orders rows by (transaction id, seq)
 * and reads only rows of transactions older than every running one (`pg_snapshot_xmin`), which can gain no rows.
 */
export type FeedPosition = { txId: string, seq: number }

export const FEED_START: FeedPosition = { txId: '0', seq: 0 }

const POSITION = /^(\d{1,20})\.(\d{1,19})$/

export const encodeFeedCursor = (position: FeedPosition) => Buffer.from(`${position.txId}.${position.seq}`, 'utf8').toString('base64url')

export function decodeFeedCursor (cursor: string | undefined): FeedPosition {
  if (cursor === undefined) return FEED_START
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw badRequest('invalid cursor', [{ path: '/querystring/after', message: 'not a cursor returned by this API' }])
  return { txId: match[1] as string, seq: Number(match[2]) }
}

type FeedRow = NotificationRow & { txId: string }

const sqliteFeed = (columns: string) => `select ${columns}, '0' as "txId"
  from notifications n join events e on e.id = n.event_id
  where n.recipient_id = @recipientId and n.seq > @seq
  order by n.seq limit @limit`

const postgresFeed = (columns: string) => `select ${columns}, n.tx_id::text as "txId"
  from notifications n join events e on e.id = n.event_id
  where n.recipient_id = @recipientId
    and (n.tx_id, n.seq) > (@txId::xid8, @seq)
    and n.tx_id < pg_snapshot_xmin(pg_current_snapshot())
  order by n.tx_id, n.seq limit @limit`

/** The next rows of the recipient's feed after `position`, oldest first. */
export async function readFeed (ex: Executor, recipientId: string, position: FeedPosition, limit: number): Promise<FeedRow[]> {
  const text = ex.engine === 'postgres' ? postgresFeed(notificationColumns(ex)) : sqliteFeed(notificationColumns(ex))
  return ex.all<FeedRow>(text, { recipientId, txId: position.txId, seq: position.seq, limit })
}
