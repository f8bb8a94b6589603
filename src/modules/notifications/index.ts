// The notifications module's public surface: what other modules may use.
export { notifyEvent } from './notify.ts'
export { notificationRoutes } from './routes.ts'
