// The webhooks module's public surface: what other modules may use.
export { webhookRoutes } from './routes.ts'
export { webhookWorkerPlugin, WebhookWorker } from './worker.ts'
