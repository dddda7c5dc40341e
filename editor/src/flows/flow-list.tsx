import { useCallback, useEffect, useState } from 'react';
import { flowStoreApi } from './api';
import { ApiError, isSignInNeeded, type FlowSummary, type FlowTemplate } from './flow-store-api';
import { useCanEdit, useRole } from './role';
import { SignIn } from './sign-in';
import { useT } from './i18n';
import { LangSwitch } from './lang-switch';
import { LiveLineups } from './live-lineups';

type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; signIn: boolean; forbidden: boolean }
  | { state: 'ready'; value: T };

function useLoad<T>(load: () => Promise<T>) {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(() => {
    setResult({ state: 'loading' });
    load().then(
      (value) => setResult({ state: 'ready', value }),
      (err: unknown) =>
        setResult({
          state: 'error',
          signIn: isSignInNeeded(err),
          forbidden: err instanceof ApiError && err.status === 403,
        }),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return [result, reload] as const;
}

const listFlows = () => flowStoreApi.list();
const listTemplates = () => flowStoreApi.templates();

/** Flow list (kind, status, last publish) and the starter templates gallery. */
export function FlowList() {
  const { t, lt, lang } = useT();
  const [flows, reloadFlows] = useLoad(listFlows);
  const [templates, reloadTemplates] = useLoad(listTemplates);
  // Only owners create flows; a read-only viewer is not offered buttons the API would refuse.
  const canEdit = useCanEdit() === true;
  const open = (id: string) => (location.hash = `#/flow/${id}`);
  const [failed, setFailed] = useState(false);
  const create = (input: Parameters<typeof flowStoreApi.create>[0]) =>
    flowStoreApi.create(input).then(
      (flow) => open(flow.id),
      () => setFailed(true),
    );
  const createBlank = () => create({ name: lang === 'zh' ? '新流程' : 'New flow', kind: 'custom' });
  const fromTemplate = (template: FlowTemplate) =>
    // The template's messages in the language the owner is working in.
    create({
      name: lt(template.name).slice(0, 120),
      kind: template.kind,
      templateId: template.id,
      language: lang,
    });

  if (flows.state === 'error' && flows.signIn)
    return (
      <SignIn
        onSignedIn={() => {
          void useRole.getState().load();
          reloadFlows();
          reloadTemplates();
        }}
      />
    );

  return (
    <main className="flow-list-page">
      <header className="page-head">
        <h1>Kefu · {t('appTitle')}</h1>
        {/* The way back to the console, whose header links here: neither app is a dead end. */}
        <div className="page-head-links">
          <a href="/">{t('serviceDesk')}</a>
          <LangSwitch />
        </div>
      </header>
      <section aria-labelledby="flows-title">
        <div className="section-head">
          <h2 id="flows-title">{t('flows')}</h2>
          {canEdit && (
            <button type="button" className="primary" onClick={() => void createBlank()}>
              + {t('newFlow')}
            </button>
          )}
        </div>
        {failed && (
          <p className="error" role="alert">
            {t('createFailed')}
          </p>
        )}
        {flows.state === 'loading' && <p className="muted">{t('loading')}</p>}
        {flows.state === 'error' && flows.forbidden && (
          <p className="error" role="alert" data-testid="no-access">
            {t('noAccess')}
          </p>
        )}
        {flows.state === 'error' && !flows.forbidden && (
          <p className="error" role="alert">
            {t('loadFailed')} <button onClick={reloadFlows}>{t('retry')}</button>
          </p>
        )}
        {flows.state === 'ready' && flows.value.length === 0 && <p className="empty">{t('noFlows')}</p>}
        {flows.state === 'ready' && flows.value.length > 0 && <FlowTable flows={flows.value} />}
      </section>
      {/* Stays mounted while the table reloads after an unpublish. */}
      {flows.state !== 'error' && <LiveLineups canEdit={canEdit} onUnpublished={reloadFlows} />}
      {canEdit && (
        <section aria-labelledby="templates-title">
          <h2 id="templates-title">{t('templates')}</h2>
          {templates.state === 'loading' && <p className="muted">{t('loading')}</p>}
          {templates.state === 'error' && (
            <p className="error" role="alert">
              {t('loadFailed')} <button onClick={reloadTemplates}>{t('retry')}</button>
            </p>
          )}
          {templates.state === 'ready' && templates.value.length === 0 && (
            <p className="empty">{t('noTemplates')}</p>
          )}
          {templates.state === 'ready' && (
            <ul className="templates">
              {templates.value.map((template) => (
                <li key={template.id}>
                  <span className="kind">{template.kind}</span>
                  <h3>{lt(template.name)}</h3>
                  <p>{lt(template.description)}</p>
                  <button type="button" onClick={() => void fromTemplate(template)}>
                    {t('open')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}

function FlowTable({ flows }: { flows: FlowSummary[] }) {
  const { t } = useT();
  return (
    <table className="flows">
      <thead>
        <tr>
          <th>{t('name')}</th>
          <th>{t('kind')}</th>
          <th>{t('status')}</th>
          <th>{t('lastPublish')}</th>
        </tr>
      </thead>
      <tbody>
        {flows.map((f) => (
          <tr key={f.id}>
            <td>
              <a href={`#/flow/${f.id}`}>{f.name}</a>
            </td>
            <td>{f.kind}</td>
            <td>
              <span className={`status status-${f.status}`}>
                {f.status === 'published' ? `${t('published')} v${f.activeVersion}` : t('draft')}
              </span>
            </td>
            <td>{f.lastPublishedAt ? new Date(f.lastPublishedAt).toLocaleString() : t('never')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
