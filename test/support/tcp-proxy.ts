// A TCP forwarder between the app and PostgreSQL that a test can cut and restore: the database "goes away" and comes back.
import { createServer, connect, type Server, type Socket } from 'node:net'
import { freePort } from './postgres-cluster.ts'

export type TcpProxy = {
  port: number
  /** Refuses new connections and cuts every open one, as a database host that went down. */
  cut: () => Promise<void>
  /** Accepts connections again on the same port. */
  restore: () => Promise<void>
  close: () => Promise<void>
}

export async function startTcpProxy (target: { host: string, port: number }): Promise<TcpProxy> {
  const port = await freePort()
  const open = new Set<Socket>()
  let server: Server | undefined
  const listen = () => new Promise<void>((resolve, reject) => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host)
      for (const socket of [client, upstream]) {
        open.add(socket)
        socket.once('close', () => open.delete(socket))
        socket.on('error', () => { client.destroy(); upstream.destroy() })
      }
      client.pipe(upstream).pipe(client)
    })
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const cut = async () => {
    const closing = server
    server = undefined
    for (const socket of open) socket.destroy()
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()))
  }
  await listen()
  return { port, cut, restore: listen, close: cut }
}
