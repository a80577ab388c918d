/** Where a person lands after signing in, by the role the pages are chosen by. */
export function landingPath(role: string): string {
  if (role === 'supervisor') {
    return '/supervisor';
  }
  if (role === 'admin') {
    return '/admin';
  }
  if (role === 'caseworker') {
    return '/work';
  }
  if (role === 'agent') {
    return '/callers';
  }
  if (role === 'resident') {
    return '/me';
  }
  return '/';
}
