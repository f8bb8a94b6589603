// The web console's top-level paths: the server answers index.html under these only, and the console's router builds its routes from them.
export const CONSOLE_SECTIONS = ['login', 'register', 'alliances', 'orders', 'bids', 'cohorts', 'queue', 'report', 'notifications', 'organizations', 'team', 'invitation', 'password-reset'] as const
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]
