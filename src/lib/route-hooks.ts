// Hooks for the routes that need them only: added from an onRoute hook, so other requests never run them.
import type { RouteOptions } from 'fastify'

type HookName = 'preValidation' | 'preHandler' | 'onSend' | 'onResponse'
type HookOf<N extends HookName> = NonNullable<RouteOptions[N]> extends infer H ? (H extends readonly (infer F)[] ? F : H) : never

/** Appends `hook` to the route's own hooks of that name, after any it already has. */
export function addRouteHook<N extends HookName> (route: RouteOptions, name: N, hook: HookOf<N>): void {
  const current = route[name] as HookOf<N> | HookOf<N>[] | undefined
  const list = current === undefined ? [] : Array.isArray(current) ? current : [current]
  ;(route as Record<HookName, unknown>)[name] = [...list, hook]
}
