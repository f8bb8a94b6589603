// Route-scoped hooks: appended after the route's own, and run only on the routes that got them.
import t from 'tap'
import Fastify, { type onSendAsyncHookHandler } from 'fastify'
import { addRouteHook } from '../../src/lib/route-hooks.ts'

t.test('a hook added from onRoute runs on its route only, after the route\'s own hooks', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  const ran: string[] = []
  const tagged: onSendAsyncHookHandler = async function (request, _reply, payload) {
    ran.push(`added ${request.url}`)
    return payload
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.tagged) addRouteHook(route, 'onSend', tagged)
  })
  app.get('/tagged', {
    config: { tagged: true },
    onSend: async (request, _reply, payload) => { ran.push(`own ${request.url}`); return payload }
  }, async () => ({ ok: true }))
  app.get('/plain', async () => ({ ok: true }))
  await app.inject({ url: '/tagged' })
  await app.inject({ url: '/plain' })
  t.same(ran, ['own /tagged', 'added /tagged'])
})

declare module 'fastify' {
  interface FastifyContextConfig {
    tagged?: boolean
  }
}
