import { useState, type FormEvent } from 'react';
import type { CannedReplyWire } from '@kefu/schemas/api';
import { formError } from '../shared/field-error';
import { Field, fieldNotes } from '../shared/field-notes';
import { ApiError } from '../shared/http';
import { PagedList } from '../shared/paged-list';
import { EditableListPage, useEditing } from '../shared/editable-list-page';
import { ActionFailed, useRowActions } from '../shared/row-actions';
import { usePaged } from '../shared/use-paged';
import { makeUseWords } from '../shared/use-words';
import { CANNED_PAGE_SIZE, deskApi, type DeskApi } from './desk-api';
import './desk-settings.css';

const useWords = makeUseWords({
  title: { en: 'Canned replies', zh: '快捷回复' },
  intro: {
    en: 'Answers agents insert by typing / and the shortcut in the reply box. Every agent of the workspace sees them. {{contact.name}} and {{agent.name}} are filled in.',
    zh: '客服在回复框输入 / 加快捷码即可插入。工作区的所有客服都能看到。{{contact.name}} 和 {{agent.name}} 会自动填入。',
  },
  newReply: { en: 'New canned reply', zh: '新建快捷回复' },
  editReply: { en: 'Edit canned reply', zh: '编辑快捷回复' },
  shortcut: { en: 'Shortcut', zh: '快捷码' },
  shortcutRule: {
    en: 'Lower-case letters, digits, - and _ (up to 32), starting with a letter or digit.',
    zh: '小写字母、数字、- 和 _（最多 32 个），以字母或数字开头。',
  },
  replyTitle: { en: 'Title', zh: '标题' },
  text: { en: 'Text', zh: '内容' },
  tags: { en: 'Tags (comma-separated)', zh: '标签（用逗号分隔）' },
  save: { en: 'Save reply', zh: '保存回复' },
  cancel: { en: 'Cancel', zh: '取消' },
  edit: { en: 'Edit', zh: '编辑' },
  delete: { en: 'Delete', zh: '删除' },
  actions: { en: 'Actions', zh: '操作' },
  confirmDelete: { en: 'Delete this canned reply?', zh: '删除这条快捷回复？' },
  none: { en: 'No canned replies yet.', zh: '还没有快捷回复。' },
  loading: { en: 'Loading canned replies…', zh: '正在加载快捷回复…' },
  failed: { en: 'Could not load the canned replies.', zh: '无法加载快捷回复。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'That did not work:', zh: '操作失败：' },
});

/** Settings: the workspace's canned replies (owners write them; the inbox's picker reads them). */
export function CannedSettings({ api = deskApi }: { api?: DeskApi }) {
  const { t } = useWords();
  const paged = usePaged((cursor) => api.cannedReplies(cursor), 'canned', CANNED_PAGE_SIZE);
  const form = useEditing<CannedReplyWire>();
  const { error, act } = useRowActions(paged.reload);
  const remove = (reply: CannedReplyWire) => {
    if (window.confirm(t('confirmDelete'))) void act(() => api.deleteCanned(reply.id));
  };

  return (
    <EditableListPage
      id="canned-settings-title"
      title={t('title')}
      intro={t('intro')}
      tools={
        <div className="settings-actions">
          <button type="button" disabled={form.editing?.kind === 'new'} onClick={form.startNew}>
            {t('newReply')}
          </button>
        </div>
      }
      form={
        form.editing && (
          <CannedForm
            key={form.formKey}
            reply={form.item}
            api={api}
            onDone={(changed) => {
              form.close();
              if (changed) paged.reload();
            }}
          />
        )
      }
      actionFailed={{ lead: t('actionFailed'), error }}
    >
      <PagedList
        paged={paged}
        words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}
        empty={<p className="muted">{t('none')}</p>}
        label={t('title')}
      >
        {(items) => (
          <table className="list-table" aria-label={t('title')}>
            <thead>
              <tr>
                <th>{t('shortcut')}</th>
                <th>{t('replyTitle')}</th>
                <th>{t('text')}</th>
                <th>{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((reply) => (
                <tr key={reply.id}>
                  <td>
                    <code>/{reply.shortcut}</code>
                  </td>
                  <td>{reply.title}</td>
                  <td className="desk-text">{reply.text}</td>
                  <td className="list-row-actions">
                    <button
                      type="button"
                      aria-label={`${t('edit')} /${reply.shortcut}`}
                      onClick={() => form.edit(reply)}
                    >
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('delete')} /${reply.shortcut}`}
                      onClick={() => void remove(reply)}
                    >
                      {t('delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </EditableListPage>
  );
}

const FIELDS = ['shortcut', 'title', 'text', 'tags'] as const;

function CannedForm({
  reply,
  api,
  onDone,
}: {
  reply?: CannedReplyWire;
  api: DeskApi;
  onDone(changed: boolean): void;
}) {
  const { t } = useWords();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [title, setTitle] = useState(reply?.title ?? '');
  const [text, setText] = useState(reply?.text ?? '');
  const [tags, setTags] = useState(reply?.tags.join(', ') ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      shortcut: shortcut.trim().replace(/^\//, ''),
      title: title.trim(),
      text: text.trim(),
      tags: [
        ...new Set(
          tags
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ],
    };
    try {
      if (reply) await api.updateCanned(reply.id, body);
      else await api.createCanned(body);
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // The schema's pattern says nothing to a person; the rule does.
  const notes = fieldNotes(error, 'canned', (path, message) =>
    path === 'shortcut' && error instanceof ApiError && error.code === 'KEFU_ERR_VALIDATION'
      ? t('shortcutRule')
      : message,
  );
  const general = formError(error, FIELDS);

  return (
    <form
      className="list-form"
      aria-label={reply ? t('editReply') : t('newReply')}
      onSubmit={(e) => void submit(e)}
    >
      <h2>{reply ? t('editReply') : t('newReply')}</h2>
      <ActionFailed lead={t('actionFailed')} error={general} />
      <div className="list-form-row">
        <Field label={t('shortcut')} note={notes.note('shortcut')}>
          <input
            value={shortcut}
            onChange={(e) => setShortcut(e.target.value)}
            required
            maxLength={33}
            {...notes.invalid('shortcut')}
          />
        </Field>
        <Field label={t('replyTitle')} note={notes.note('title')} className="desk-grow">
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={100}
            {...notes.invalid('title')}
          />
        </Field>
      </div>
      <Field label={t('text')} note={notes.note('text')}>
        <textarea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
          {...notes.invalid('text')}
        />
      </Field>
      <Field label={t('tags')} note={notes.note('tags')}>
        <input value={tags} onChange={(e) => setTags(e.target.value)} {...notes.invalid('tags')} />
      </Field>
      <div className="settings-actions">
        <button type="submit" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
