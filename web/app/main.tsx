/**
 * The workbench (工作台): the shell (sign-in, navigation, live updates) and the hash router.
 * Pages: `#/` the inbox, `#/task/<id>`, `#/board`, `#/reports[/<period>/<at>]`, `#/board/items/<kind>/<id>`, `#/process/<kind>/<id>`, `#/alerts`,
 * `#/instructions`, `#/instruction/<id>`, `#/agent` (one's own agent, 代理), `#/admin[/<kind>[/<id>]]`, and the views a kind declares
 * (`#/views/<kind>/chart`, `#/views/<kind>/page/<id>`, `#/views/<kind>/responsibilities`: pages/views.tsx).
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';
import { api, ApiError, type Session } from './api';
import { applyLanguage, currentLanguage, setLanguage, t, type MessageKey } from './i18n';
import { Alert, Loading, reasonOf } from './ui';
import { Copies } from './pages/copies';
import { Inbox } from './pages/inbox';
import { TaskPage } from './pages/task';
import { Board, ItemsPage } from './pages/board';
import { ReportsPage } from './pages/reports';
import { Admin } from './pages/admin';
import { ProcessPage } from './pages/process';
import { DirectoryPage } from './pages/directory';
import { AgentPage } from './pages/agent';
import { Alerts, InstructionPage, Instructions, mayInstruct } from './pages/leaders';
import { SignIn } from './pages/sign-in';
import { useLive } from './live';
import { allKinds, loadKinds } from './kinds';
import { ChartPage, ResponsibilitiesPage, ViewProcessPage } from './pages/views';
import { setWorkingDays } from './time';

function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const oversees = (s: Session) => s.person.roles.some((r) => r === 'leader' || r === 'topLeader' || r === 'admin');

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [, setLang] = useState(currentLanguage());
  const route = useRoute();
  const live = useLive(Boolean(session));

  // The kinds (with how each is shown) load once, before the first page that names one.
  const load = () => api.session().then(async (s) => { setWorkingDays(s.workingDays); await loadKinds(); setSession(s); }, (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) setSession(null);
    else setError(reasonOf(err));
  });
  useEffect(() => { void load(); }, []);

  useEffect(() => {
    const titles: Record<string, MessageKey> = {
      board: 'nav.board', copies: 'nav.copies', agent: 'nav.agent', reports: 'nav.reports', admin: 'nav.admin', directory: 'nav.directory', alerts: 'nav.alerts', instructions: 'nav.instructions', instruction: 'instruction.title', process: 'task.process',
    };
    document.title = `${t(titles[route[0] ?? ''] ?? 'nav.inbox')} · ${t('app.title')}`;
  }, [route.join('/')]);

  if (error) return <main id="main"><Alert>{error}</Alert></main>;
  if (session === undefined) return <main id="main"><Loading /></main>;
  if (session === null) return <SignIn onSignedIn={load} />;

  const page = route[0] ?? (oversees(session) && session.person.departments.length === 0 ? 'board' : 'inbox');
  const nav: [string, string][] = [['inbox', t('nav.inbox')], ['copies', t('nav.copies')], ['board', t('nav.board')], ['reports', t('nav.reports')]];
  if (mayInstruct(session)) nav.push(['alerts', t('nav.alerts')], ['instructions', t('nav.instructions')]);
  // Each kind that declares a wall chart has it in the navigation, under its own title.
  for (const k of allKinds()) if (k.presentation?.views?.chart) nav.push([`views/${k.kind}/chart`, k.presentation.views.chart.title]);
  if (session.person.roles.includes('admin')) nav.push(['admin', t('nav.admin')], ['directory', t('nav.directory')]);

  let body;
  if (page === 'task' && route[1]) body = <TaskPage session={session} taskId={route[1]} live={live} />;
  else if (page === 'board' && route[1] === 'items' && route[2] && route[3]) body = <ItemsPage session={session} kind={route[2]} id={route[3]} live={live} />;
  else if (page === 'board') body = <Board session={session} live={live} />;
  else if (page === 'reports') body = <ReportsPage period={route[1]} at={route[2]} />;
  else if (page === 'process' && route[1] && route[2]) body = <ProcessPage session={session} kind={route[1]} id={route[2]} live={live} />;
  else if (page === 'alerts') body = <Alerts session={session} live={live} />;
  else if (page === 'instructions') body = <Instructions session={session} live={live} />;
  else if (page === 'instruction' && route[1]) body = <InstructionPage session={session} id={route[1]} live={live} />;
  else if (page === 'admin') body = <Admin session={session} kind={route[1]} id={route[2]} />;
  else if (page === 'copies') body = <Copies session={session} live={live} />;
  else if (page === 'views' && route[1] && route[2] === 'chart') body = <ChartPage session={session} kind={route[1]} />;
  else if (page === 'views' && route[1] && route[2] === 'responsibilities') body = <ResponsibilitiesPage session={session} kind={route[1]} />;
  else if (page === 'views' && route[1] && route[2] === 'page' && route[3]) body = <ViewProcessPage session={session} kind={route[1]} id={route[3]} />;
  else if (page === 'directory') body = <DirectoryPage session={session} />;
  else if (page === 'agent') body = <AgentPage session={session} />;
  else body = <Inbox session={session} live={live} />;

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('app.skip')}</a>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        <nav aria-label={t('app.title')}>
          {nav.map(([key, label]) => (
            <a key={key} href={`#/${key}`} aria-current={page === key || route.join('/') === key || (page === 'task' && key === 'inbox') || (page === 'instruction' && key === 'instructions') ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <span class="who">
          <span class={live.connected ? 'live live-on' : 'live'} title={live.connected ? t('app.live') : t('app.offline')}>
            <span aria-hidden="true">{live.connected ? '◉' : '○'}</span>
            <span class="sr-only">{live.connected ? t('app.live') : t('app.offline')}</span>
          </span>
          <span class="person">{session.person.name}</span>
          <a href="#/agent" aria-current={page === 'agent' ? 'page' : undefined}>{t('nav.agent')}</a>
          <button type="button" class="link" onClick={() => { setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'); setLang(currentLanguage()); }}>
            {t('app.language')}
          </button>
          <button type="button" class="link" onClick={() => void api.signOut().then(({ endSession }) => {
            if (endSession) location.assign(endSession); // the identity provider ends its session too, and sends the browser back
            else { location.hash = ''; setSession(null); }
          })}>
            {t('app.signOut')}
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>{body}</main>
    </>
  );
}

applyLanguage();
const root = document.getElementById('app') as HTMLElement;
root.textContent = ''; // the page's "loading" line, which render() would otherwise keep
render(<App />, root);
