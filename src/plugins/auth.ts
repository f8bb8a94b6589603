// Auth plugin: @fastify/jwt (HS256 only, iss/aud/exp checked) and the `authenticate` hook that loads the actor.
import fp from 'fastify-plugin'
import fastifyJwt from '@fastify/jwt'
import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../lib/problems.ts'
import type { Actor, Role } from '../lib/actor.ts'

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string, sid: string, role: Role }
    user: { sub: string, sid: string, role: Role }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>
    signAccessToken: (actor: { userId: string, sessionId: string, role: Role }) => string
  }
  interface FastifyRequest {
    actor: Actor
  }
}

/** `Bearer <token>`, one space between, as @fastify/jwt's own look-up takes it. */
const BEARER = /^Bearer ([^ ]+)$/i
/** Verified access tokens fast-jwt remembers (an LRU of this many): more than the people a province has logged in at once. */
const VERIFIED_TOKENS_CACHED = 10_000

type ActorRow = { role: Role, organization_id: string | null, kind: 'enterprise' | 'college' | null }

// One indexed look-up per request: the session is live, the user active and still of this role.
const LOAD_ACTOR = `
  select u.role, u.organization_id, o.kind
  from sessions s
  join users u on u.id = s.user_id
  left join organizations o on o.id = u.organization_id
  where s.id = @sessionId and s.user_id = @userId and s.revoked_at is null and s.expires_at > @now and u.status = 'active'`

export default fp(async (app) => {
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, ACCESS_TOKEN_TTL } = app.config
  await app.register(fastifyJwt, {
    secret: JWT_SECRET,
    sign: { algorithm: 'HS256', iss: JWT_ISSUER, aud: JWT_AUDIENCE, expiresIn: `${ACCESS_TOKEN_TTL}s` },
    verify: {
      algorithms: ['HS256'],
      allowedIss: JWT_ISSUER,
      allowedAud: JWT_AUDIENCE,
      requiredClaims: ['exp', 'iss', 'aud', 'sub', 'sid'],
      // fast-jwt keeps the last VERIFIED_TOKENS_CACHED verified tokens (by SHA-256) until their exp: a request with a
      // token seen before skips the decode and the HMAC. Never a refusal kept, never past exp; the session look-up still runs.
      cache: VERIFIED_TOKENS_CACHED
    }
  })

  // RFC 6750: a 401 names the scheme; `invalid_token` once a token was presented.
  const challenge = (detail: string, presented: boolean) => new HttpProblem(401, 'unauthenticated', detail, {
    headers: { 'www-authenticate': presented ? 'Bearer realm="talent-orders", error="invalid_token"' : 'Bearer realm="talent-orders"' }
  })

  app.decorateRequest('actor', null as unknown as Actor)
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const authorization = request.headers.authorization ?? ''
    const presented = /^bearer\s+\S/i.test(authorization)
    let claims: { sub: string, sid: string, role: Role }
    try {
      // The instance's verifier, the one built at start: request.jwtVerify() merges its options, decodes the token a
      // second time and builds a callback chain on every request (11 % of a point read's CPU in the bench profile).
      const token = BEARER.exec(authorization)?.[1]
      if (token === undefined) throw new Error('no bearer token')
      claims = app.jwt.verify(token)
    } catch {
      throw challenge(presented ? 'invalid or expired access token' : 'missing access token: send Authorization: Bearer <accessToken>', presented)
    }
    const row = await app.data.get<ActorRow>(LOAD_ACTOR, { sessionId: claims.sid, userId: claims.sub, now: app.clock().toISOString() })
    if (!row) throw challenge('the session has ended; log in again', true)
    request.actor = {
      userId: claims.sub,
      sessionId: claims.sid,
      role: row.role,
      organizationId: row.organization_id,
      organizationKind: row.kind
    }
  })
  app.decorate('signAccessToken', ({ userId, sessionId, role }: { userId: string, sessionId: string, role: Role }) =>
    app.jwt.sign({ sub: userId, sid: sessionId, role }))
}, { name: 'auth', dependencies: ['config', 'database'] })
