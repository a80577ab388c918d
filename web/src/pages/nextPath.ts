/**
 * Where to go after signing in when a page sent the person here (`?next=/supervisor?…`, as from
 * the overdue e-mail's link): a path in this app only, never another site.
 */
export function nextPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')
    ? next
    : null;
}
