// The one-time token of a mailed link (`/invitation#token=inv_…`, `/password-reset#token=rst_…`): in the fragment, so it never reaches a server log.
export function tokenOfHash (hash: string, prefix: 'inv' | 'rst'): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return token && token.startsWith(`${prefix}_`) ? token : null
}
