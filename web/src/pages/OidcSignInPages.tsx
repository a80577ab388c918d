import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInProblem, type OidcSettings } from '../oidc';
import { finishOidcSignIn, startOidcSignIn } from '../oidcSignIn';
import { Link, navigate } from '../router';
import type { Session } from '../session';
import { landingPath } from './landingPath';
import { nextPath } from './nextPath';

function problemText(t: TFunction, error: unknown): string {
  if (error instanceof SignInProblem) {
    return t(`oidc.problems.${error.code}`, { detail: error.detail ?? '' });
  }
  return t('oidc.problems.NETWORK');
}

/**
 * Production sign-in (docs/adr/0091): the button takes the person to the identity provider's
 * sign-in page; they come back to `/sign-in/callback`.
 */
export function OidcSignInPage({ settings }: { settings: OidcSettings }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  const start = async () => {
    setProblem(null);
    setLeaving(true);
    try {
      await startOidcSignIn(settings, nextPath(window.location.search));
    } catch (error) {
      setLeaving(false);
      setProblem(problemText(t, error));
    }
  };

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('oidc.title')}</h1>
      <p>{t('oidc.intro')}</p>
      {problem && (
        <p role="alert" className="notice">
          {problem}
        </p>
      )}
      <button type="button" onClick={() => void start()} disabled={leaving}>
        {t('oidc.start')}
      </button>
    </section>
  );
}

/** Where the identity provider sends the person back: the code becomes a session, or a reason. */
export function OidcCallbackPage({
  settings,
  onSignedIn,
}: {
  settings: OidcSettings;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  // The return is answered once (its code works once), even when React runs effects twice.
  const answered = useRef(false);

  useEffect(() => {
    if (answered.current) {
      return;
    }
    answered.current = true;
    const search = window.location.search;
    // The code and state leave the address bar and the history at once.
    window.history.replaceState(null, '', window.location.pathname);
    finishOidcSignIn(settings, search).then(
      ({ session, next }) => {
        onSignedIn(session);
        navigate(next ?? landingPath(session.role), { replace: true });
      },
      (error: unknown) => setProblem(problemText(t, error)),
    );
  }, [settings, onSignedIn, t]);

  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('oidc.returnTitle')}</h1>
      {problem ? (
        <>
          <p role="alert" className="notice" data-testid="sign-in-problem">
            {problem}
          </p>
          <p>
            <Link href="/sign-in">{t('oidc.again')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('oidc.finishing')}</p>
      )}
    </section>
  );
}
