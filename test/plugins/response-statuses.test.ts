// Every status a route answers is one its schema declares: every route is called by every kind of caller with bad input.
import t from 'tap'
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { app as talentOrders } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { serverOptions } from '../../src/server-options.ts'
import { testEnv, api, loginAdmin, registerOrg, createCoordinator, joinAlliance } from '../helper.ts'

type Operation = { method: string, path: string }

t.test('no route answers a status its OpenAPI schema does not declare', async (t) => {
  const config = loadConfig(testEnv({ WRITE_RATE_LIMIT: '0' }))
  const app = Fastify(serverOptions(config))
  const undeclared = new Set<string>()
  let answered = 0
  const seen = new Set<string>()
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url
    if (route === undefined || route.startsWith('/docs')) return
    answered++
    const declared = Object.keys((request.routeOptions.schema?.response ?? {}) as Record<string, unknown>)
    seen.add(`${request.method} ${route} → ${reply.statusCode}`)
    if (!declared.includes(String(reply.statusCode))) undeclared.add(`${request.method} ${route} → ${reply.statusCode}`)
  })
  await app.register(fp(talentOrders), { config })
  await app.ready()
  t.teardown(() => app.close())

  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  const outsider = await registerOrg(app, 'college')
  await joinAlliance(app, enterprise, coordinator, 'equipment')
  await joinAlliance(app, college, coordinator, 'equipment')

  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> }
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    ['get', 'post', 'patch', 'put', 'delete'].filter((m) => item[m]).map((method) => ({ method: method.toUpperCase(), path })))
  const unknownId = '0190a6c2-0000-7000-8000-000000000000'
  const fill = (path: string, id: string) => path.replace(/\{code\}/g, 'equipment').replace(/\{[a-zA-Z]+\}/g, id)
  const bodies: (object | undefined)[] = [undefined, { unexpected: true }, { reason: '' }]
  const callers = [null, admin.token, coordinator.token, enterprise.token, college.token, outsider.token]
  for (const { method, path } of operations) {
    for (const token of callers) {
      for (const id of [unknownId, 'not a valid id!']) {
        const url = fill(path, encodeURIComponent(id))
        if (method === 'GET') {
          await api(app, token, { method, url })
          await api(app, token, { method, url: `${url}?limit=0` })
        } else {
          for (const payload of bodies) await api(app, token, { method: method as 'POST', url, ...(payload ? { payload } : {}) })
        }
      }
    }
  }
  t.ok(answered > operations.length * 10, `${answered} responses from ${operations.length} operations`)
  t.same([...undeclared].sort(), [], 'every answered status is declared in the route schema')
  const statuses = new Set([...seen].map((entry) => entry.split(' → ')[1]))
  for (const status of ['200', '400', '401', '403', '404']) t.ok(statuses.has(status), `some route answered ${status}`)
})

t.test('every route whose body is optional accepts none, and an empty JSON body, as DESIGN says of action routes', async (t) => {
  const config = loadConfig(testEnv({ WRITE_RATE_LIMIT: '0' }))
  const app = Fastify(serverOptions(config))
  await app.register(fp(talentOrders), { config })
  await app.ready()
  t.teardown(() => app.close())
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  await joinAlliance(app, enterprise, coordinator, 'equipment')
  await joinAlliance(app, college, coordinator, 'equipment')
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { requestBody?: { required?: boolean } }>> }
  const optional = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([, op]) => op.requestBody?.required === false).map(([method]) => ({ method: method.toUpperCase(), path })))
  t.ok(optional.length >= 8, `${optional.length} routes take an optional body`)
  for (const { method, path } of optional) {
    const url = path.replace(/\{code\}/g, 'equipment').replace(/\{[a-zA-Z]+\}/g, '0190a6c2-0000-7000-8000-000000000000')
    for (const token of [coordinator.token, enterprise.token, college.token]) {
      for (const variant of [{}, { headers: { 'content-type': 'application/json' }, payload: '' }]) {
        const res = await api(app, token, { method: method as 'POST', url, ...variant })
        t.not(res.statusCode, 400, `${method} ${path} without a body: ${res.body.slice(0, 120)}`)
        t.not(res.statusCode, 415, `${method} ${path}`)
      }
    }
  }
})
