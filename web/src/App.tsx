import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n';
import { CallerReportPage, CitizenPage, FindCallerPage } from './pages/AgentPages';
import { ReportPage } from './pages/ReportPage';
import { MyDataPage, MyProfilePage, MyRequestsPage } from './pages/ResidentPages';
import { OidcCallbackPage, OidcSignInPage } from './pages/OidcSignInPages';
import { SignInPage } from './pages/SignInPage';
import { ADMIN_ROLES, DASHBOARD_ROLES } from './pages/SupervisorAccess';
import { SurveyPage } from './pages/SurveyPage';
import { TrackPage } from './pages/TrackPage';
import { CaseDetailPage, WorklistPage } from './pages/WorkPages';
import { CALLBACK_PATH, oidcSettings } from './oidcSignIn';
import { Link, navigate, usePath } from './router';
import { currentSession, saveSession, type Session } from './session';

function HomePage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <p className="notice">{t('home.emergency')}</p>
      <ul className="cards">
        <li>
          <Link href="/report">{t('app.report')}</Link>
          <p>{t('home.reportLead')}</p>
        </li>
        <li>
          <Link href="/track">{t('app.track')}</Link>
          <p>{t('home.trackLead')}</p>
        </li>
      </ul>
    </section>
  );
}

// Loaded when first shown: residents never download the chart library.
const SupervisorDashboardPage = lazy(() =>
  import('./pages/SupervisorDashboardPage').then((m) => ({ default: m.SupervisorDashboardPage })),
);
const RoutingRulesPage = lazy(() =>
  import('./pages/RoutingRulesPage').then((m) => ({ default: m.RoutingRulesPage })),
);
const FailedMessagesPage = lazy(() =>
  import('./pages/FailedMessagesPage').then((m) => ({ default: m.FailedMessagesPage })),
);

/** The gateway's OpenID Connect settings, written into the page; null: development sign-in. */
const OIDC = oidcSettings();
// The admin's pages (issue 13, docs/adr/0088): one download, for admins only.
const adminPages = () => import('./pages/admin');
const ADMIN_ROUTES: Record<string, { page: React.ComponentType; title: string }> = {
  '/admin': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminHomePage }))),
    title: 'admin.title',
  },
  '/admin/services': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminCatalogPage }))),
    title: 'admin.services.title',
  },
  '/admin/districts': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminDistrictsPage }))),
    title: 'admin.districts.title',
  },
  '/admin/staff': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminStaffPage }))),
    title: 'admin.staff.title',
  },
  '/admin/api-keys': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminKeysPage }))),
    title: 'admin.keys.title',
  },
  '/admin/audit-log': {
    page: lazy(() => adminPages().then((m) => ({ default: m.AdminAuditLogPage }))),
    title: 'admin.audit.title',
  },
};

function LoadingPage() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}

/** Which page a path shows, and its title. */
function route(
  path: string,
  onSignedIn: (s: Session) => void,
  onSignedOut: () => void,
): { page: React.ReactNode; title: string } {
  // The resident's own pages and the closure survey's link (issue 13, docs/adr/0085).
  if (path === '/survey') {
    return { page: <SurveyPage />, title: 'survey.title' };
  }
  if (path === '/me') {
    return { page: <MyRequestsPage />, title: 'resident.navRequests' };
  }
  if (path === '/me/profile') {
    return { page: <MyProfilePage />, title: 'resident.navProfile' };
  }
  if (path === '/me/data') {
    return { page: <MyDataPage onErased={onSignedOut} />, title: 'resident.navData' };
  }
  const track = /^\/track\/([^/]+)$/.exec(path);
  const work = /^\/work\/([^/]+)$/.exec(path);
  // Supervisor pages (issue 13).
  if (path === '/supervisor') {
    return {
      page: (
        <Suspense fallback={<LoadingPage />}>
          <SupervisorDashboardPage />
        </Suspense>
      ),
      title: 'supervisor.title',
    };
  }
  if (path === '/routing-rules' || path === '/failed-messages') {
    const rules = path === '/routing-rules';
    return {
      page: (
        <Suspense fallback={<LoadingPage />}>
          {rules ? <RoutingRulesPage /> : <FailedMessagesPage />}
        </Suspense>
      ),
      title: rules ? 'routingRules.title' : 'failures.title',
    };
  }
  const admin = ADMIN_ROUTES[path];
  if (admin) {
    const Page = admin.page;
    return {
      page: (
        <Suspense fallback={<LoadingPage />}>
          <Page />
        </Suspense>
      ),
      title: admin.title,
    };
  }
  if (path === '/report') {
    return { page: <ReportPage />, title: 'app.report' };
  }
  if (path === '/track' || track) {
    return {
      page: <TrackPage ticket={track ? decodeURIComponent(track[1]) : undefined} />,
      title: 'app.track',
    };
  }
  // Production signs in at the identity provider (docs/adr/0091); development at the gateway.
  if (path === '/sign-in') {
    return {
      page: OIDC ? <OidcSignInPage settings={OIDC} /> : <SignInPage onSignedIn={onSignedIn} />,
      title: 'app.signIn',
    };
  }
  if (path === CALLBACK_PATH && OIDC) {
    return {
      page: <OidcCallbackPage settings={OIDC} onSignedIn={onSignedIn} />,
      title: 'app.signIn',
    };
  }
  if (path === '/work') {
    return { page: <WorklistPage />, title: 'app.worklist' };
  }
  if (work) {
    return { page: <CaseDetailPage ticket={decodeURIComponent(work[1])} />, title: 'app.worklist' };
  }
  // The agent's pages (contact centre): find the caller, their 360 view, a request for them.
  const caller = /^\/callers\/([^/]+)$/.exec(path);
  // `/callers/new` is a caller with no record yet: straight to the request form.
  const callerReport = /^\/callers\/([^/]+)\/report$/.exec(path) ?? /^\/callers\/(new)$/.exec(path);
  if (path === '/callers') {
    return { page: <FindCallerPage />, title: 'callers.title' };
  }
  if (callerReport) {
    const id = decodeURIComponent(callerReport[1]);
    return { page: <CallerReportPage key={id} id={id} />, title: 'agentReport.titleNew' };
  }
  if (caller) {
    return { page: <CitizenPage id={decodeURIComponent(caller[1])} />, title: 'callers.citizen' };
  }
  return { page: <HomePage />, title: 'app.home' };
}

export function App() {
  const { t, i18n } = useTranslation();
  const path = usePath();
  const [session, setSession] = useState(currentSession());
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const onSignedIn = (s: Session) => {
    saveSession(s);
    setSession(s);
  };
  const onSignedOut = () => {
    saveSession(null);
    setSession(null);
  };
  const { page, title } = route(path, onSignedIn, onSignedOut);

  useEffect(() => {
    document.title = `${t(title)} · ${t('app.name')}`;
  }, [t, title]);
  // After moving to another page, focus its content, as a page load would start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  const links = [
    ['/', 'app.home'],
    ['/report', 'app.report'],
    ['/track', 'app.track'],
    ...(session
      ? session.role === 'resident'
        ? [
            ['/me', 'resident.navRequests'],
            ['/me/profile', 'resident.navProfile'],
            ['/me/data', 'resident.navData'],
          ]
        : session.role === 'agent'
          ? [['/callers', 'callers.nav']]
          : [['/work', 'app.worklist']]
      : [['/sign-in', 'app.signIn']]),
    ...(session && DASHBOARD_ROLES.includes(session.role)
      ? [
          ['/supervisor', 'supervisor.nav'],
          ['/routing-rules', 'routingRules.nav'],
          ['/failed-messages', 'failures.nav'],
        ]
      : []),
    ...(session && ADMIN_ROLES.includes(session.role) ? [['/admin', 'admin.nav']] : []),
  ];
  const current = (href: string) =>
    href === '/' || href === '/me' ? path === href : path.startsWith(href);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.nav')}>
          <ul>
            {links.map(([href, key]) => (
              <li key={href}>
                <Link href={href} aria-current={current(href) ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          {session && (
            <span className="who">
              {t('app.signedInAs', { sub: session.sub, role: session.role })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  saveSession(null);
                  setSession(null);
                  // Signed out at the identity provider too, which sends the browser back to `/`.
                  if (session.signOutUrl) {
                    window.location.assign(session.signOutUrl);
                  } else {
                    navigate('/');
                  }
                }}
              >
                {t('app.signOut')}
              </button>
            </span>
          )}
          <div role="group" aria-label={t('app.language')} className="languages">
            {LANGUAGES.map((l) => (
              <button
                key={l.code}
                type="button"
                lang={l.code}
                aria-pressed={i18n.language === l.code}
                onClick={() => void i18n.changeLanguage(l.code)}
              >
                {l.name}
              </button>
            ))}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {page}
      </main>
    </>
  );
}
