// The web console's top-level paths: the server answers index.html for these only, and the console's router builds its routes from them.
export const CONSOLE_SECTIONS = ['login', 'register', 'alliances', 'orders', 'bids', 'cohorts', 'queue', 'report'] as const
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]

/** Whether a request path (no query) is one of the console's pages: `/` or under a section. */
export function isConsolePath (path: string): boolean {
  if (path === '/' || path === '') return true
  const first = path.split('/')[1] ?? ''
  return (CONSOLE_SECTIONS as readonly string[]).includes(first)
}
