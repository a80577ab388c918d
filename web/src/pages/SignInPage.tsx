import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { navigate } from '../router';
import { devSignIn, SignInError, type Session } from '../session';
import { nextPath } from './nextPath';

const ROLES = ['resident', 'agent', 'caseworker', 'supervisor', 'analyst', 'admin'];

/** Development sign-in: the gateway mints the token (POST /auth/dev-token); 404 there: none. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState('caseworker');
  const [departments, setDepartments] = useState('');
  const [sub, setSub] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [unavailable, setUnavailable] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    try {
      const codes = departments
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const session = await devSignIn(role, codes, sub.trim() || undefined);
      onSignedIn(session);
      navigate(
        nextPath(window.location.search) ??
          (role === 'supervisor'
            ? '/supervisor'
            : role === 'admin'
              ? '/admin'
              : role === 'caseworker'
                ? '/work'
                : role === 'agent'
                  ? '/callers'
                  : role === 'resident'
                    ? '/me'
                    : '/'),
      );
    } catch (error) {
      if (error instanceof SignInError && error.status === 404) {
        setUnavailable(true);
      } else if (error instanceof SignInError && error.field) {
        setProblems([{ inputId: error.field, text: error.message }]);
      } else {
        setProblems([{ text: error instanceof Error ? error.message : String(error) }]);
      }
    }
  };

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {unavailable && (
        <p role="alert" className="notice">
          {t('signIn.unavailable')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={problems} />
        <Field
          id="role"
          label={t('signIn.role')}
          error={problems.find((p) => p.inputId === 'role')?.text}
        >
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="departments"
          label={t('signIn.departments')}
          hint={t('signIn.departmentsHint')}
          error={problems.find((p) => p.inputId === 'departments')?.text}
        >
          {(props) => (
            <input
              {...props}
              value={departments}
              onChange={(e) => setDepartments(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="sub"
          label={t('staffSignIn.sub')}
          hint={t('staffSignIn.subHint')}
          error={problems.find((p) => p.inputId === 'sub')?.text}
        >
          {(props) => (
            <input
              {...props}
              autoComplete="username"
              value={sub}
              onChange={(e) => setSub(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </section>
  );
}
