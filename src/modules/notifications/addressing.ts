// Addressing: the recipients of one event, each with what it may read of the event's data and whether it is news to them.
import type { Executor } from '../../../db/executor.ts'
import {
  biddersOf, collegesOf, complainedMatchCollege, coordinatorsOf, findOrderFacts, subjectCollege,
  type AudienceEvent, type OrderFacts
} from './audience.ts'

export type AddressedEvent = AudienceEvent & {
  data: Record<string, unknown>
  /** The acting organization, or the acting user when it has none; null for the system. */
  actorPrincipal: string | null
}

/**
 * One recipient: an organization or a user (coordinator). `inbox` false: the change feed only (its own act, or an
 * event it follows without being asked to act). `data` null: the event's data as recorded; otherwise what replaces it.
 */
export type Recipient = { id: string, inbox: boolean, data: Record<string, unknown> | null }

/** An event of an order (every event but a membership's). */
type OrderEvent = AddressedEvent & { orderId: string }

type Delivery = { inbox: boolean, data?: Record<string, unknown> }

/** Recipients in the order first added; a recipient added twice keeps its first data and is news if either says so. */
class Audience {
  readonly #byId = new Map<string, Recipient>()
  constructor (private readonly actorPrincipal: string | null) {}

  add (ids: Iterable<string | undefined>, delivery: Delivery): this {
    for (const id of ids) {
      if (id === undefined) continue
      const inbox = delivery.inbox && id !== this.actorPrincipal
      const known = this.#byId.get(id)
      if (known) known.inbox ||= inbox
      else this.#byId.set(id, { id, inbox, data: delivery.data ?? null })
    }
    return this
  }

  list (): Recipient[] { return [...this.#byId.values()] }
}

const NEWS: Delivery = { inbox: true }
const FEED: Delivery = { inbox: false }
/** A sealed bid's event tells that something happened to a bid, not whose or what (the timeline's rule). */
const SEALED: Delivery = { inbox: false, data: {} }

/** Bids are sealed while the order is a draft or open, and on an order cancelled before bidding closed (orders/rules bidsSealed). */
const isSealed = (order: OrderFacts) =>
  order.status === 'open' || order.status === 'draft' || (order.status === 'cancelled' && order.biddingClosedAt === null)

/** Membership events: the alliance's coordinators decide, the requesting organization hears the decision. */
async function addressMembership (tx: Executor, event: AddressedEvent, audience: Audience): Promise<void> {
  const organization = await subjectCollege(tx, event)
  const coordinators = await coordinatorsOf(tx, event.allianceId)
  if (event.type === 'membership.requested') audience.add(coordinators, NEWS).add([organization], FEED)
  else audience.add([organization], NEWS).add(coordinators, FEED)
}

/** Events of the order itself: its owner, its bidders, and the alliance's colleges when it is published or changed. */
async function addressOrder (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  audience.add([order.ownerId], NEWS).add(await coordinatorsOf(tx, event.allianceId), FEED)
  const bidders = await biddersOf(tx, event.orderId)
  if (event.type === 'order.published' || event.type === 'order.amended') {
    audience.add(bidders, NEWS).add(await collegesOf(tx, event.allianceId), NEWS)
  } else if (event.type === 'order.updated') {
    audience.add(bidders, NEWS).add(await collegesOf(tx, event.allianceId), FEED)
  } else {
    audience.add(bidders, NEWS)
  }
}

/** Bid events: the bidding college; the owner learns that a bid came, and, while bids are sealed, nothing more. */
async function addressBid (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  const college = await subjectCollege(tx, event)
  const coordinators = await coordinatorsOf(tx, event.allianceId)
  const decided = ['bid.accepted', 'bid.not_selected', 'bid.lapsed', 'bid.reopened'].includes(event.type)
  audience.add([college], decided ? NEWS : FEED)
  const ownerView: Delivery = isSealed(order) ? SEALED : FEED
  audience.add([order.ownerId], { ...ownerView, inbox: event.type === 'bid.submitted' })
  audience.add(coordinators, ownerView)
}

/** Match events: both parties and the coordinators; the other bidders read an approval as an award notice. */
async function addressMatch (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  const college = await subjectCollege(tx, event)
  audience.add([college, order.ownerId], NEWS).add(await coordinatorsOf(tx, event.allianceId), NEWS)
  if (event.type !== 'match.approved') return
  const notice = { seats: event.data['seats'] ?? null, standstillUntil: event.data['standstillUntil'] ?? null }
  audience.add((await biddersOf(tx, event.orderId)).filter((id) => id !== college), { inbox: true, data: notice })
}

/** Cohort and trainee events: the college and the owner who run the cohort; trainee changes are news only when hired. */
async function addressDelivery (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  const college = await subjectCollege(tx, event)
  const coordinators = await coordinatorsOf(tx, event.allianceId)
  if (event.subjectType === 'cohort') audience.add([college, order.ownerId], NEWS)
  else audience.add([college], event.type === 'trainee.hired' ? NEWS : FEED).add([order.ownerId], FEED)
  audience.add(coordinators, FEED)
}

/** Questions: the owner hears of a question (not who asked); the colleges that see the order hear of its answer. */
async function addressQuestion (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  const asker = await subjectCollege(tx, event)
  const coordinators = await coordinatorsOf(tx, event.allianceId)
  if (event.type === 'question.asked') {
    audience.add([order.ownerId], NEWS).add([asker], FEED).add(coordinators, FEED)
    return
  }
  audience.add([asker], NEWS).add([order.ownerId], FEED).add(await biddersOf(tx, event.orderId), NEWS)
  if (order.status === 'open') audience.add(await collegesOf(tx, event.allianceId), NEWS)
  audience.add(coordinators, FEED)
}

/** Complaints: coordinators decide; the complainant, the owner and the matched college hear of the filing and the decision. */
async function addressComplaint (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience): Promise<void> {
  const complainant = await subjectCollege(tx, event)
  const matched = await complainedMatchCollege(tx, event.subjectId)
  const coordinators = await coordinatorsOf(tx, event.allianceId)
  audience.add(event.type === 'complaint.filed' ? coordinators : [complainant], NEWS)
  audience.add([order.ownerId, matched], NEWS).add([complainant], FEED).add(coordinators, FEED)
}

const BY_SUBJECT: Record<string, (tx: Executor, event: OrderEvent, order: OrderFacts, audience: Audience) => Promise<void>> = {
  order: addressOrder,
  bid: addressBid,
  match: addressMatch,
  cohort: addressDelivery,
  trainee: addressDelivery,
  question: addressQuestion,
  complaint: addressComplaint
}

/** A draft is its owner's alone: its creation, edits and cancellation reach nobody else. */
const isOwnersAlone = (event: AddressedEvent, order: OrderFacts) =>
  event.type === 'order.created' || order.status === 'draft' || (event.type === 'order.cancelled' && event.data['from'] === 'draft')

/** Everyone the event concerns, under the visibility and sealing rules of the API. */
export async function recipientsOf (tx: Executor, event: AddressedEvent): Promise<Recipient[]> {
  const audience = new Audience(event.actorPrincipal)
  if (event.subjectType === 'membership') {
    await addressMembership(tx, event, audience)
    return audience.list()
  }
  const orderId = event.orderId
  if (orderId === null) return []
  const order = await findOrderFacts(tx, orderId)
  if (!order) return []
  if (isOwnersAlone(event, order)) return audience.add([order.ownerId], NEWS).list()
  await BY_SUBJECT[event.subjectType]?.(tx, { ...event, orderId }, order, audience)
  return audience.list()
}
