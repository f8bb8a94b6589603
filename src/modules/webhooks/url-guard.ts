// Webhook URL rules against SSRF: https only, no credentials, no loopback, private or link-local hosts, before and after DNS.
import { lookup as dnsLookup, promises as dns, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { ruleViolation } from '../../lib/problems.ts'

export const URL_REFUSED = 'webhook_url_refused'
export const URL_INVALID = 'webhook_url_invalid'

/** How long registration waits for DNS; a name that does not answer in time is accepted (delivery checks again). */
const RESOLVE_TIMEOUT_MS = 3000

/** A URL or address the policy refuses; `message` says why, for the problem detail and the delivery log. */
export class UrlRefused extends Error {
  readonly code: string
  constructor (message: string, code = URL_REFUSED) {
    super(message)
    this.name = 'UrlRefused'
    this.code = code
  }
}

/** IPv6 addresses with 96 leading zero bits other than :: and ::1: the deprecated IPv4-compatible form (::10.0.0.1). */
const ipv4Compatible = (ip: ipaddr.IPv4 | ipaddr.IPv6) =>
  ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)

/**
 * The range that makes an address unreachable for webhooks ('loopback', 'private', 'linkLocal', …), or undefined
 * for a public unicast address. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
 */
export function refusedRange (address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address'
  const ip = ipaddr.process(address)
  const range = ip.range()
  if (range !== 'unicast') return range
  return ipv4Compatible(ip) ? 'ipv4Compatible' : undefined
}

/** The URL's host without IPv6 brackets or a trailing dot, lowercased. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase()

const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost')

/**
 * The checks that need no DNS: the scheme, credentials, an IP literal host, `localhost`. Returns the parsed URL;
 * throws UrlRefused. With `allowPrivate`, http: and private hosts pass (credentials never do).
 */
export function checkUrlStatically (raw: string, allowPrivate: boolean): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UrlRefused('the URL cannot be parsed', URL_INVALID)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate)) {
    throw new UrlRefused(`only https: URLs are accepted${url.protocol === 'http:' ? ' (http: only where WEBHOOK_ALLOW_PRIVATE=true)' : ''}`)
  }
  if (url.username !== '' || url.password !== '') throw new UrlRefused('the URL may not hold credentials (user:password@)')
  if (allowPrivate) return url
  const host = hostOf(url)
  if (isLocalhost(host)) throw new UrlRefused(`the host ${host} is this machine`)
  if (ipaddr.isValid(host)) {
    const range = refusedRange(host)
    if (range !== undefined) throw new UrlRefused(`the address ${host} is not public (${range})`)
  }
  return url
}

/** Throws UrlRefused when any of a name's addresses is not public. */
function checkAddresses (host: string, addresses: readonly LookupAddress[]): void {
  for (const { address } of addresses) {
    const range = refusedRange(address)
    if (range !== undefined) throw new UrlRefused(`the host ${host} resolves to ${address}, which is not public (${range})`)
  }
}

type Resolver = (host: string) => Promise<LookupAddress[]>
const resolveAll: Resolver = (host) => dns.lookup(host, { all: true })

/** Resolves within the timeout; undefined when the name does not resolve (or not in time). */
async function tryResolve (host: string, resolve: Resolver): Promise<LookupAddress[] | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), RESOLVE_TIMEOUT_MS) })
  try {
    return await Promise.race([resolve(host).catch(() => undefined), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The registration check: the static rules, then the name's addresses when it resolves (a name that does not
 * resolve now is accepted; every delivery checks again). Throws 422 `webhook_url_refused` or `webhook_url_invalid`.
 */
export async function checkWebhookUrl (raw: string, allowPrivate: boolean, resolve: Resolver = resolveAll): Promise<void> {
  try {
    const url = checkUrlStatically(raw, allowPrivate)
    const host = hostOf(url)
    if (allowPrivate || ipaddr.isValid(host)) return
    const addresses = await tryResolve(host, resolve)
    if (addresses) checkAddresses(host, addresses)
  } catch (error) {
    if (!(error instanceof UrlRefused)) throw error
    throw ruleViolation(`webhook URL refused: ${error.message}`, error.code, [{ path: '/body/url', message: error.message }])
  }
}

/**
 * A `lookup` for node:http(s) requests that refuses a name with any non-public address (unless allowed), so the
 * connection goes to an address that was checked: a name cannot pass the check and then resolve elsewhere.
 */
export function guardedLookup (allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      try {
        if (addresses.length === 0) throw new UrlRefused(`the host ${hostname} has no address`)
        if (!allowPrivate) checkAddresses(hostname, addresses)
      } catch (refused) {
        return callback(refused as UrlRefused, '', 0)
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      callback(null, first.address, first.family)
    })
  }
}
