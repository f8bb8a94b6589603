// Per-route options read by plugins: creating POSTs set `idempotent: true` to honour Idempotency-Key.
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: the idempotency plugin replays the first response for a repeated key. */
    idempotent?: boolean
  }
}

export {}
