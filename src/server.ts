// Process entry point: load config, build the app, listen, and close gracefully on signals.
import closeWithGrace from 'close-with-grace'
import { loadConfig, ConfigError } from './config.ts'
import { buildApp } from './app.ts'
import { startBanner, hasDemoData } from './start-banner.ts'

async function main () {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`talent-orders: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
  const app = await buildApp({ config })
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  const address = await app.listen({ port: config.PORT, host: config.HOST })
  const banner = startBanner(address, await hasDemoData(app))
  app.log.info(banner.msg)
}

main().catch((error: unknown) => {
  process.stderr.write(`talent-orders: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
