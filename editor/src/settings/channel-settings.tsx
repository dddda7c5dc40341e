import { useState, type FormEvent } from 'react';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import { channelsApi, type ChannelsApi } from './channels-api';

const useWords = makeUseWords({
  email: { en: 'Email', zh: '邮件' },
  emailIntro: {
    en: 'Mail to this address becomes a conversation; replies go back by mail, in the same thread.',
    zh: '发到这个地址的邮件会成为会话；回复会以邮件发回，保持在同一邮件串中。',
  },
  address: { en: 'Your address', zh: '您的地址' },
  notReceiving: {
    en: 'This server is not listening for mail (KEFU_SMTP_PORT is not set).',
    zh: '本服务器未开启收信（未设置 KEFU_SMTP_PORT）。',
  },
  api: { en: 'API channel', zh: 'API 渠道' },
  apiIntro: {
    en: "Your own systems send customers' messages with a key; replies are POSTed to your webhooks, signed.",
    zh: '您的系统用密钥发送客户消息；回复会签名后 POST 到您的 Webhook。',
  },
  keys: { en: 'API keys', zh: 'API 密钥' },
  keyName: { en: 'Name of the new key', zh: '新密钥的名称' },
  createKey: { en: 'Create key', zh: '创建密钥' },
  newKey: { en: 'Your new key (shown only now):', zh: '新密钥（仅显示这一次）：' },
  revoke: { en: 'Revoke', zh: '撤销' },
  revoked: { en: 'revoked', zh: '已撤销' },
  noKeys: { en: 'No keys yet.', zh: '还没有密钥。' },
  webhooks: { en: 'Webhooks', zh: 'Webhook' },
  webhookUrl: { en: 'Webhook URL', zh: 'Webhook 地址' },
  addWebhook: { en: 'Add webhook', zh: '添加 Webhook' },
  newSecret: {
    en: 'Signing secret (shown only now): verify x-kefu-signature with it.',
    zh: '签名密钥（仅显示这一次）：用它校验 x-kefu-signature。',
  },
  remove: { en: 'Remove', zh: '删除' },
  noWebhooks: { en: 'No webhooks yet.', zh: '还没有 Webhook。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'That did not work:', zh: '操作失败：' },
});

/** Settings: the email address customers write to, API keys and webhooks of the API channel. */
export function ChannelSettings({ api = channelsApi }: { api?: ChannelsApi }) {
  const { t } = useWords();
  const words = { loading: t('loading'), failed: t('failed'), retry: t('retry') };
  const email = useLoad(() => api.email(), 'email');
  const keys = useLoad(() => api.keys(), 'keys');
  const hooks = useLoad(() => api.webhooks(), 'hooks');
  const [keyName, setKeyName] = useState('');
  const [hookUrl, setHookUrl] = useState('');
  const [shown, setShown] = useState<{ kind: 'key' | 'secret'; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const createKey = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const created = await api.createKey(keyName.trim());
      setShown({ kind: 'key', value: created.key });
      setKeyName('');
      keys.reload();
    });
  };
  const addWebhook = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const created = await api.createWebhook(hookUrl.trim());
      setShown({ kind: 'secret', value: created.secret });
      setHookUrl('');
      hooks.reload();
    });
  };

  const revoke = (id: string) =>
    void act(async () => {
      await api.revokeKey(id);
      keys.reload();
    });
  const removeWebhook = (id: string) =>
    void act(async () => {
      await api.removeWebhook(id);
      hooks.reload();
    });

  return (
    <section className="settings-page" aria-labelledby="channel-settings-email">
      <h1 id="channel-settings-email">{t('email')}</h1>
      <p>{t('emailIntro')}</p>
      <LoadState loaded={email} words={words}>
        {(channel) => (
          <p>
            {t('address')}: <code>{channel.address}</code>
            {!channel.receiving && <span className="muted small"> — {t('notReceiving')}</span>}
          </p>
        )}
      </LoadState>

      <h1>{t('api')}</h1>
      <p>{t('apiIntro')}</p>
      {error && (
        <p role="alert" className="error">
          {t('actionFailed')} {error}
        </p>
      )}
      {shown && (
        <label className="settings-field">
          {shown.kind === 'key' ? t('newKey') : t('newSecret')}
          <textarea readOnly rows={2} value={shown.value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        </label>
      )}

      <h2>{t('keys')}</h2>
      <LoadState loaded={keys} words={words}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('noKeys')}</p>
          ) : (
            <ul aria-label={t('keys')}>
              {list.map((k) => (
                <li key={k.id}>
                  {k.name} <code>{k.prefix}…</code>{' '}
                  {k.revokedAt ? (
                    <span className="muted">({t('revoked')})</span>
                  ) : (
                    <button type="button" onClick={() => revoke(k.id)}>
                      {t('revoke')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      <form className="settings-actions" onSubmit={createKey}>
        <input
          aria-label={t('keyName')}
          placeholder={t('keyName')}
          value={keyName}
          maxLength={100}
          required
          onChange={(e) => setKeyName(e.target.value)}
        />
        <button type="submit">{t('createKey')}</button>
      </form>

      <h2>{t('webhooks')}</h2>
      <LoadState loaded={hooks} words={words}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('noWebhooks')}</p>
          ) : (
            <ul aria-label={t('webhooks')}>
              {list.map((h) => (
                <li key={h.id}>
                  <code>{h.url}</code>{' '}
                  <button type="button" onClick={() => removeWebhook(h.id)}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      <form className="settings-actions" onSubmit={addWebhook}>
        <input
          type="url"
          aria-label={t('webhookUrl')}
          placeholder="https://example.com/kefu-webhook"
          value={hookUrl}
          maxLength={2000}
          required
          onChange={(e) => setHookUrl(e.target.value)}
        />
        <button type="submit">{t('addWebhook')}</button>
      </form>
    </section>
  );
}
