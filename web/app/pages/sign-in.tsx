/**
 * Sign-in: through the district's identity provider (统一身份认证) when one is configured, the
 * demo's person picker when the demo is on, and otherwise a token from the identity provider.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type DepartmentRef, type Person } from '../api';
import { t } from '../i18n';
import { Alert, reasonOf } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [config, setConfig] = useState<{ demo: boolean; oidc?: boolean; people: Person[]; departments: DepartmentRef[] }>();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => { void api.config().then(setConfig, (e: unknown) => setError(reasonOf(e))); }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.signIn(config?.demo ? { personId: choice } : { token: choice.trim() });
      onSignedIn();
    } catch (err) {
      setError(t('signin.failed', { reason: reasonOf(err) }));
    }
  };
  const deptName = (id: string) => config?.departments.find((d) => d.id === id)?.name ?? id;

  return (
    <main id="main" class="signin">
      <h1>{t('signin.title')}</h1>
      {error && <Alert>{error}</Alert>}
      {config?.oidc && (
        <p><a class="button primary" href="/web/oidc/login">{t('signin.oidc')}</a></p>
      )}
      {config && (config.demo || !config.oidc) && (
        <form onSubmit={submit}>
          {config.demo ? (
            <div class="field">
              <label for="person">{t('signin.demo')}</label>
              <select id="person" name="person" value={choice} onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)} required>
                <option value="">—</option>
                {config.people.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}{p.departments.length ? ` · ${p.departments.map(deptName).join('、')}` : ''} ({p.id})</option>
                ))}
              </select>
            </div>
          ) : (
            <div class="field">
              <label for="token">{t('signin.token')}</label>
              <textarea id="token" name="token" rows={4} value={choice} onInput={(e) => setChoice((e.currentTarget as HTMLTextAreaElement).value)} required />
            </div>
          )}
          <button type="submit" class="primary" disabled={!choice}>{t('signin.submit')}</button>
        </form>
      )}
    </main>
  );
}
