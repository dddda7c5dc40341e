import { useCallback, useEffect, useState } from 'react';
import type { Me } from '@kefu/schemas/api';
import { SignIn } from '../flows/sign-in';
import { SignUpPage } from '../sign-up/sign-up-page';
import { useSignUpWords } from '../sign-up/words';
import { apiCall, isUnauthorized } from '../shared/http';
import { ConsoleNav } from './console-nav';
import { ConsolePage } from './console-page';
import { landingOf } from './page-access';
import { hrefOf, isBare, useRoute } from './router';
import { SessionContext } from './session';
import { useConsoleWords } from './words';

type Load = { state: 'loading' } | { state: 'sign-in' } | { state: 'failed' } | { state: 'ready'; me: Me };

/** The signed-in staff app at `/`: who is signed in, the nav, and the page the hash names. */
export function ConsoleApp() {
  const { t } = useConsoleWords();
  const signUp = useSignUpWords();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const route = useRoute();
  const fetchMe = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      setLoad({ state: 'ready', me: await apiCall<Me>('GET', '/session') });
    } catch (err) {
      setLoad(isUnauthorized(err) ? { state: 'sign-in' } : { state: 'failed' });
    }
  }, []);
  useEffect(() => {
    void fetchMe();
  }, [fetchMe]);
  // `/` opens the user's own start page: analysts land on analytics, not on an inbox that is not theirs.
  const landing = load.state === 'ready' ? landingOf(load.me.user.roles) : null;
  useEffect(() => {
    if (landing && landing !== 'inbox' && isBare(location.hash)) location.replace(hrefOf(landing));
  }, [landing]);

  if (load.state === 'loading') return <p className="page-state">{t('loading')}</p>;
  if (load.state === 'sign-in' && route.page === 'signup')
    return (
      <SignUpPage
        onSignedUp={() => {
          // A new owner starts where the first week starts: inviting the team, in Settings.
          location.hash = '#/settings';
          void fetchMe();
        }}
      />
    );
  if (load.state === 'sign-in')
    return (
      <SignIn
        title={t('signInTitle')}
        onSignedIn={() => void fetchMe()}
        footer={
          <p className="muted small">
            {signUp.t('newHere')} <a href="#/signup">{signUp.t('createLink')}</a>
          </p>
        }
      />
    );
  if (load.state === 'failed')
    return (
      <div className="page-state" role="alert">
        <p>{t('loadFailed')}</p>
        <button onClick={() => void fetchMe()}>{t('retry')}</button>
      </div>
    );
  return (
    <SessionContext.Provider value={load.me}>
      <div className="console">
        <ConsoleNav route={route} onSignedOut={() => setLoad({ state: 'sign-in' })} />
        <ConsolePage route={route} />
      </div>
    </SessionContext.Provider>
  );
}
