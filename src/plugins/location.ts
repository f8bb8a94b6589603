// Location on every 201: filled from the route's `config.location` template, also on idempotent replays.
import fp from 'fastify-plugin'
import type { onSendAsyncHookHandler } from 'fastify'
import { addRouteHook } from '../lib/route-hooks.ts'

function valueAt (body: unknown, path: string): string | undefined {
  let node: unknown = body
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined
}

/** The template filled from the body and params, or undefined when a value is missing. */
export function fillLocation (template: string, body: unknown, params: Record<string, string>): string | undefined {
  let missing = false
  const filled = template
    .replace(/\{([\w.]+)\}/g, (_, path: string) => encodeURIComponent(valueAt(body, path) ?? ((missing = true), '')))
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ((missing = true), '')))
  return missing ? undefined : filled
}

export default fp(async (app) => {
  // Only routes with a `config.location` template run it.
  app.addHook('onRoute', (route) => {
    const template = route.config?.location
    if (template === undefined) return
    const setLocation: onSendAsyncHookHandler = async function (request, reply, payload) {
      if (reply.statusCode !== 201 || reply.hasHeader('location') || typeof payload !== 'string') return payload
      let body: unknown
      try {
        body = JSON.parse(payload)
      } catch {
        return payload
      }
      const location = fillLocation(template, body, request.params as Record<string, string>)
      if (location !== undefined) reply.header('location', location)
      return payload
    }
    addRouteHook(route, 'onSend', setLocation)
  })
}, { name: 'location' })
