// Per-route options read by plugins: `idempotent` (Idempotency-Key) and `location` (the Location of a 201).
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route creates something: the idempotency plugin replays the first response for a repeated key. */
    idempotent?: boolean
    /**
     * Where a 201 answer's resource is read: a path template whose `{a.b}` come from the response body and
     * `:name` from the route's params (`/v1/bids/{id}`, `/v1/cohorts/:id/trainees`). The location plugin sets it.
     */
    location?: string
  }
}

export {}
