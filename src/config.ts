// Configuration: the environment validated against one TypeBox schema, with production guards.
import { randomBytes } from 'node:crypto'
import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'
import { PASSWORD_MIN_LENGTH, PASSWORD_RAW_MAX_LENGTH } from './lib/password.ts'
import { passwordPolicyProblem } from './modules/auth/password-policy.ts'

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.String({ default: 'development', maxLength: 40 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, maxLength: 255 }),
  DATABASE_PATH: Type.String({ default: './data/marketplace.db', minLength: 1, maxLength: 4096 }),
  // PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database (DATABASE_PATH is then unused).
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', minLength: 12, maxLength: 4096 })),
  // Connections each process keeps to PostgreSQL (migrations borrow one at start).
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 1000 }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32, maxLength: 1024 })),
  JWT_ISSUER: Type.String({ default: 'talent-orders', minLength: 1, maxLength: 200 }),
  JWT_AUDIENCE: Type.String({ default: 'talent-orders-api', minLength: 1, maxLength: 200 }),
  ADMIN_EMAIL: Type.Optional(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  // Judged by the password policy after NFKC normalisation (12–128 characters, not common), like any password.
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_RAW_MAX_LENGTH })),
  DEMO_DATA: Type.Optional(Type.Boolean()),
  ACCESS_TOKEN_TTL: Type.Integer({ default: 900, minimum: 30, maximum: 86400 }),
  REFRESH_TOKEN_TTL: Type.Integer({ default: 1209600, minimum: 60, maximum: 31_536_000 }),
  SESSION_MAX_AGE: Type.Integer({ default: 2592000, minimum: 60, maximum: 31_536_000 }),
  WRITE_RATE_LIMIT: Type.Integer({ default: 300, minimum: 0, maximum: 1_000_000 }),
  // Registrations per client address per hour (0: no limit).
  REGISTER_RATE_LIMIT: Type.Integer({ default: 20, minimum: 0, maximum: 1_000_000 }),
  // Password derivations at once (each holds 128 MiB at SCRYPT_LOG_N=17); one slot is kept for logins.
  HASH_CONCURRENCY: Type.Integer({ default: 2, minimum: 1, maximum: 64 }),
  // Derivations of each kind that may wait for a slot; past that, 503 at once.
  HASH_QUEUE_LOGIN: Type.Integer({ default: 16, minimum: 0, maximum: 100_000 }),
  HASH_QUEUE_REGISTER: Type.Integer({ default: 8, minimum: 0, maximum: 100_000 }),
  HASH_QUEUE_PASSWORD_CHANGE: Type.Integer({ default: 8, minimum: 0, maximum: 100_000 }),
  HASH_QUEUE_USER_CREATE: Type.Integer({ default: 8, minimum: 0, maximum: 100_000 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  // json: one JSON object a line (production); pretty: pino-pretty, a dev dependency (default when NODE_ENV=development).
  LOG_FORMAT: Type.Optional(Type.Enum(['json', 'pretty'])),
  // Bearer token that opens GET /metrics (Prometheus); unset, the endpoint does not exist.
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 32, maxLength: 1024 })),
  SCRYPT_LOG_N: Type.Integer({ default: 17, minimum: 10, maximum: 20 }),
  DEADLINE_SWEEP_INTERVAL: Type.Integer({ default: 30, minimum: 0, maximum: 86_400 }),
  // After a match approval, other bidders may complain this long before its cohort may start (0: no standstill, no complaints).
  STANDSTILL_SECONDS: Type.Integer({ default: 432_000, minimum: 0, maximum: 31_536_000 }),
  // The least time to the bid deadline an amendment of an open order leaves.
  AMENDMENT_MIN_HOURS: Type.Integer({ default: 72, minimum: 0, maximum: 8_760 }),
  BUSY_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 0, maximum: 600_000 }),
  // Reverse proxies in front whose X-Forwarded-For is believed (0: the TCP peer is the client address).
  TRUST_PROXY: Type.Integer({ default: 0, minimum: 0, maximum: 10 }),
  // Milliseconds between the webhook worker's passes over due deliveries (0: this process delivers none).
  WEBHOOK_POLL_MS: Type.Integer({ default: 1000, minimum: 0, maximum: 3_600_000 }),
  // Webhook URLs may use http: and point at loopback, private and link-local addresses (development, tests).
  WEBHOOK_ALLOW_PRIVATE: Type.Boolean({ default: false }),
  // Mail (invitations, password resets): an SMTP server, else JSON files in MAIL_OUTBOX_DIR, else the log.
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', minLength: 8, maxLength: 4096 })),
  MAIL_OUTBOX_DIR: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  // The sender of that mail: an address, or a name and an address in angle brackets.
  MAIL_FROM: Type.String({ default: 'Talent Orders <no-reply@talent-orders.local>', minLength: 3, maxLength: 320, pattern: '^([^<>]*<[^<>@\\s]+@[^<>@\\s]+>|[^<>@\\s]+@[^<>@\\s]+)$' }),
  // Milliseconds between the mail worker's passes over the outbox (0: this process sends none).
  MAIL_POLL_MS: Type.Integer({ default: 1000, minimum: 0, maximum: 3_600_000 }),
  // The console's address, for links in mail (default http://HOST:PORT).
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', minLength: 8, maxLength: 2048 }))
})

type RawConfig = Static<typeof ConfigSchema>

export type Config = Omit<RawConfig, 'JWT_SECRET' | 'DEMO_DATA' | 'LOG_FORMAT' | 'PUBLIC_URL'> & {
  JWT_SECRET: string
  /** Without a trailing slash: links are `${PUBLIC_URL}/path`. */
  PUBLIC_URL: string
  DEMO_DATA: boolean
  LOG_FORMAT: 'json' | 'pretty'
  isProduction: boolean
}

export class ConfigError extends Error {}

type EnvIssue = { instancePath?: string, message?: string, params?: { allowedValues?: unknown[] } }

/** "PORT must be <= 65535; LOG_LEVEL must be one of: fatal, error, …" from env-schema's Ajv errors. */
function describeIssues (error: Error & { errors?: EnvIssue[] }): string {
  if (!error.errors?.length) return error.message
  return error.errors.map((issue) => {
    const name = (issue.instancePath ?? '').replace(/^\//, '') || 'environment'
    const allowed = issue.params?.allowedValues
    return allowed ? `${name} must be one of: ${allowed.join(', ')}` : `${name} ${issue.message ?? 'is invalid'}`
  }).join('; ')
}

/** A host as it goes in a URL: IPv6 addresses in brackets. */
const urlHost = (host: string) => host.includes(':') && !host.startsWith('[') ? `[${host}]` : host

/** A URL that parses and names a host (credentials in it must be percent-encoded). */
function hasHost (url: string): boolean {
  try {
    return new URL(url).hostname !== ''
  } catch {
    return false
  }
}

/** Reads and validates the configuration from `env` only; throws ConfigError with a readable message. */
export function loadConfig (env: Record<string, string | undefined> = process.env): Config {
  let raw: RawConfig
  try {
    raw = envSchema<RawConfig>({ schema: ConfigSchema, data: env, env: false, dotenv: false })
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${describeIssues(error as Error & { errors?: EnvIssue[] })}`)
  }
  const isProduction = raw.NODE_ENV === 'production'
  if (isProduction && raw.JWT_SECRET === undefined) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production (at least 32 characters)')
  }
  if (isProduction && raw.SCRYPT_LOG_N < 17) {
    throw new ConfigError('SCRYPT_LOG_N below 17 is refused when NODE_ENV=production')
  }
  if (isProduction && raw.DEMO_DATA === true) {
    throw new ConfigError('DEMO_DATA=true is refused when NODE_ENV=production: production seeds only reference data and the bootstrap admin')
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither')
  }
  if (raw.SMTP_URL !== undefined && !hasHost(raw.SMTP_URL)) {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@host:587 or smtps://host:465')
  }
  if (raw.PUBLIC_URL !== undefined && !hasHost(raw.PUBLIC_URL)) {
    throw new ConfigError('PUBLIC_URL must be an http:// or https:// URL such as https://talent.example.cn')
  }
  const adminPassword = raw.ADMIN_PASSWORD === undefined ? undefined : passwordPolicyProblem(raw.ADMIN_PASSWORD, [raw.ADMIN_EMAIL ?? ''])
  if (adminPassword) throw new ConfigError(`ADMIN_PASSWORD is refused: ${adminPassword.message}`)
  return {
    ...raw,
    JWT_SECRET: raw.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    DEMO_DATA: raw.DEMO_DATA ?? !isProduction,
    LOG_FORMAT: raw.LOG_FORMAT ?? (raw.NODE_ENV === 'development' ? 'pretty' : 'json'),
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://${urlHost(raw.HOST)}:${raw.PORT}`).replace(/\/+$/, ''),
    isProduction
  }
}
