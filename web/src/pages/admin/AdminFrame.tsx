import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Column } from '../../components/DataList';
import { errorText, type SummaryItem } from '../../components/ErrorSummary';
import { Link, usePath } from '../../router';
import { currentSession } from '../../session';
import { ADMIN_ROLES } from '../SupervisorAccess';

/** The admin pages, in the order of the administration's own navigation. */
export const ADMIN_PAGES = [
  ['/admin/services', 'admin.services.title'],
  ['/admin/districts', 'admin.districts.title'],
  ['/admin/staff', 'admin.staff.title'],
  ['/admin/api-keys', 'admin.keys.title'],
  ['/admin/audit-log', 'admin.audit.title'],
] as const;

/**
 * An admin page: its heading, the administration's navigation and the page, for admins only.
 * Signed out: a link to the sign-in that comes back here; signed in otherwise: the words the app
 * uses for a refusal (the API would refuse every operation anyway).
 */
export function AdminFrame({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  const path = usePath();
  const session = currentSession();
  const heading = <h1 id={`${id}-title`}>{title}</h1>;
  if (!session || !ADMIN_ROLES.includes(session.role)) {
    return (
      <section aria-labelledby={`${id}-title`}>
        {heading}
        {session ? (
          <p role="alert" className="notice">
            {t('errors.FORBIDDEN')} {t('admin.adminsOnly')}
          </p>
        ) : (
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(path)}`}>{t('admin.needSignIn')}</Link>
          </p>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby={`${id}-title`} className="admin-page">
      {heading}
      <nav aria-label={t('admin.nav')} className="sub-nav">
        <ul>
          {ADMIN_PAGES.map(([href, key]) => (
            <li key={href}>
              <Link href={href} aria-current={path === href ? 'page' : undefined}>
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children()}
    </section>
  );
}

/** The administration's start: what each page is for. */
export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <AdminFrame id="admin" title={t('admin.title')}>
      {() => (
        <ul className="cards">
          {ADMIN_PAGES.map(([href, key]) => (
            <li key={href}>
              <Link href={href}>{t(key)}</Link>
              <p>{t(key.replace(/title$/, 'lead'))}</p>
            </li>
          ))}
        </ul>
      )}
    </AdminFrame>
  );
}

/**
 * What the API refused, one item per field it named, linked to that field's input; each input's
 * label is `admin.fields.<input id>`, or `label` says it (questions by their number).
 */
export function adminProblems(
  error: unknown,
  inputIdFor: (field: string) => string | undefined,
  t: TFunction,
  label: (inputId: string) => string = (inputId) => t(`admin.fields.${inputId}`),
): SummaryItem[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return [{ text: errorText(error, t) }];
  }
  return error.fields.map((f) => {
    const inputId = inputIdFor(f.field);
    return {
      inputId,
      text: t('errors.field', { field: inputId ? label(inputId) : f.field, reason: f.reason }),
    };
  });
}

/** A form's input for a field the API named: `input.departmentCodes[1]` is `departmentCodes`. */
export function inputIdIn(ids: Record<string, string>): (field: string) => string | undefined {
  return (field) => {
    const path = field.replace(/^input\./, '');
    const top = path.split(/[.[]/)[0];
    return ids[path] ?? ids[top];
  };
}

/** Text typed as a list: "a, b ,c" is ["a", "b", "c"]. */
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * A whole number as typed: a number when it is one, else the text as typed (NaN is not JSON) for
 * the API to refuse naming the field, as it does every other check.
 */
export function wholeNumber(text: string): number {
  const n = Number(text.trim());
  return (Number.isInteger(n) ? n : text.trim()) as number;
}

/** The column saying whether a service or district is active, in the admin's lists. */
export function statusColumn<T extends { active: boolean }>(t: TFunction): Column<T> {
  return {
    header: t('admin.status'),
    cell: (row) => t(row.active ? 'admin.active' : 'admin.inactive'),
  };
}
