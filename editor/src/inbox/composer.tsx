import { useState, type FormEvent } from 'react';
import { ApiError } from '../shared/http';
import { CannedPicker } from './canned-picker';
import type { CannedReply } from './inbox-api';
import { useInboxWords } from './words';

/**
 * Reply to the customer or leave an internal note; canned replies insert at the end. Enter sends,
 * Shift+Enter starts a new line. Text typed is kept when a send fails.
 */
export function Composer({
  disabled,
  onReply,
  onNote,
  searchCanned,
  scope,
  onTyping,
}: {
  /** Called on each keystroke of a reply (not of a note), and with false once it is sent. */
  onTyping?(typing: boolean): void;
  disabled: boolean;
  onReply(text: string): Promise<void>;
  onNote(text: string): Promise<void>;
  searchCanned(query: string): Promise<CannedReply[]>;
  scope: Record<string, unknown>;
}) {
  const { t } = useInboxWords();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  /** Why the API refused the reply as written (a sensitive word), when that is the reason. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body || state === 'busy') return;
    setState('busy');
    setRefusal(null);
    try {
      await (mode === 'reply' ? onReply(body) : onNote(body));
      if (mode === 'reply') onTyping?.(false);
      // The box stays open while a send is on its way: what the agent typed meanwhile (the next
      // reply, a note) is theirs, not the sent text, and is kept.
      setText((current) => (current.trim() === body ? '' : current));
      setState('idle');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'KEFU_ERR_SENSITIVE') setRefusal(err.message);
      setState('failed');
    }
  };
  return (
    <form className={`composer composer-${mode}`} onSubmit={(e) => void submit(e)}>
      <div className="composer-tabs" role="radiogroup" aria-label={t('reply')}>
        <label>
          <input type="radio" checked={mode === 'reply'} onChange={() => setMode('reply')} />
          {t('reply')}
        </label>
        <label>
          <input type="radio" checked={mode === 'note'} onChange={() => setMode('note')} />
          {t('note')}
        </label>
        <button
          type="button"
          onClick={() => setPicking((p) => !p)}
          aria-expanded={picking}
          disabled={disabled}
        >
          {t('cannedReplies')}
        </button>
      </div>
      {picking && (
        <CannedPicker
          search={searchCanned}
          scope={scope}
          onClose={() => setPicking(false)}
          onPick={(inserted) => {
            setText((current) => (current ? `${current} ${inserted}` : inserted));
            setPicking(false);
          }}
        />
      )}
      <textarea
        aria-label={mode === 'reply' ? t('replyLabel') : t('noteLabel')}
        placeholder={mode === 'reply' ? t('replyLabel') : t('noteLabel')}
        rows={3}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          if (mode === 'reply' && e.target.value) onTyping?.(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="composer-actions">
        {state === 'failed' && (
          <span className="error" role="alert">
            {refusal ? `${t('sensitiveRefused')} ${refusal}` : t('sendFailed')}
          </span>
        )}
        <button type="submit" className="primary" disabled={disabled || state === 'busy' || !text.trim()}>
          {mode === 'reply' ? t('send') : t('addNote')}
        </button>
      </div>
    </form>
  );
}
