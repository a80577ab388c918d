/**
 * Who the supervisor pages are for (the API checks each query again). Apart from the pages, so
 * the navigation can ask without loading them and their chart library.
 */
export const DASHBOARD_ROLES: readonly string[] = ['supervisor', 'admin'];

/** Who the admin pages are for (docs/adr/0088); every operation they call is the admins' own. */
export const ADMIN_ROLES: readonly string[] = ['admin'];
