import { useState, type FormEvent } from 'react';
import type { BusinessHoursSpec, SlaPolicyCreate, SlaPolicyWire } from '@kefu/schemas/api';
import { formError } from '../shared/field-error';
import { Field, fieldNotes } from '../shared/field-notes';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { EditableListPage, useEditing } from '../shared/editable-list-page';
import { ActionFailed, useRowActions } from '../shared/row-actions';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import { deskApi, type DeskApi } from './desk-api';
import './desk-settings.css';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
type Priority = (typeof PRIORITIES)[number];

const useWords = makeUseWords({
  title: { en: 'SLA policies', zh: 'SLA 策略' },
  intro: {
    en: 'How soon tickets get a first response and a resolution, per priority. New tickets get the default policy; changes apply to tickets opened or re-prioritised from now on.',
    zh: '按优先级规定工单的首次响应和解决时限。新工单使用默认策略；修改对此后新建或调整优先级的工单生效。',
  },
  newPolicy: { en: 'New SLA policy', zh: '新建 SLA 策略' },
  editPolicy: { en: 'Edit SLA policy', zh: '编辑 SLA 策略' },
  name: { en: 'Name', zh: '名称' },
  priority: { en: 'Priority', zh: '优先级' },
  low: { en: 'Low', zh: '低' },
  normal: { en: 'Normal', zh: '普通' },
  high: { en: 'High', zh: '高' },
  urgent: { en: 'Urgent', zh: '紧急' },
  hasTargets: { en: 'Has targets', zh: '设定时限' },
  firstResponse: { en: 'First response (minutes)', zh: '首次响应（分钟）' },
  resolution: { en: 'Resolution (minutes)', zh: '解决（分钟）' },
  targetsNote: { en: 'Per priority: first response / resolution.', zh: '各优先级：首次响应 / 解决时限。' },
  noTarget: { en: 'no target', zh: '无时限' },
  targetsRule: { en: 'Give at least one priority its targets.', zh: '至少为一个优先级设定时限。' },
  businessHoursOnly: { en: 'Count business hours only', zh: '仅计算营业时间' },
  calendar: { en: 'Calendar time', zh: '日历时间' },
  businessHours: { en: 'Business hours', zh: '营业时间' },
  mon: { en: 'Mon', zh: '周一' },
  tue: { en: 'Tue', zh: '周二' },
  wed: { en: 'Wed', zh: '周三' },
  thu: { en: 'Thu', zh: '周四' },
  fri: { en: 'Fri', zh: '周五' },
  sat: { en: 'Sat', zh: '周六' },
  sun: { en: 'Sun', zh: '周日' },
  defaultHours: { en: 'default hours', zh: '默认营业时间' },
  isDefault: { en: 'Default for new tickets', zh: '新工单默认使用' },
  defaultBadge: { en: 'Default', zh: '默认' },
  makeDefault: { en: 'Make default', zh: '设为默认' },
  save: { en: 'Save policy', zh: '保存策略' },
  cancel: { en: 'Cancel', zh: '取消' },
  edit: { en: 'Edit', zh: '编辑' },
  delete: { en: 'Delete', zh: '删除' },
  actions: { en: 'Actions', zh: '操作' },
  counting: { en: 'Counts', zh: '计时方式' },
  confirmDelete: {
    en: 'Delete this SLA policy? Tickets keep the due dates they were given.',
    zh: '删除这个 SLA 策略？已有工单的截止时间保持不变。',
  },
  none: { en: 'No SLA policies yet: tickets get no due dates.', zh: '还没有 SLA 策略：工单没有截止时间。' },
  loading: { en: 'Loading SLA policies…', zh: '正在加载 SLA 策略…' },
  failed: { en: 'Could not load the SLA policies.', zh: '无法加载 SLA 策略。' },
  retry: { en: 'Retry', zh: '重试' },
  actionFailed: { en: 'That did not work:', zh: '操作失败：' },
  min: { en: 'min', zh: '分钟' },
  hour: { en: 'h', zh: '小时' },
  day: { en: 'd', zh: '天' },
});
type Words = ReturnType<typeof useWords>['t'];

/** Settings: SLA policies — targets per priority, calendar or business time, the default one. */
export function SlaSettings({ api = deskApi }: { api?: DeskApi }) {
  const { t } = useWords();
  const policies = useLoad(() => api.slaPolicies(), 'sla-policies');
  const form = useEditing<SlaPolicyWire>();
  const { error, act } = useRowActions(policies.reload);

  return (
    <EditableListPage
      id="sla-settings-title"
      title={t('title')}
      intro={t('intro')}
      tools={
        <div className="settings-actions">
          <button type="button" disabled={form.editing?.kind === 'new'} onClick={form.startNew}>
            {t('newPolicy')}
          </button>
        </div>
      }
      form={
        form.editing && (
          <SlaForm
            key={form.formKey}
            policy={form.item}
            api={api}
            onDone={(changed) => {
              form.close();
              if (changed) policies.reload();
            }}
          />
        )
      }
      actionFailed={{ lead: t('actionFailed'), error }}
    >
      <LoadState loaded={policies} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <>
              <p className="muted small">{t('targetsNote')}</p>
              <table className="list-table" aria-label={t('title')}>
                <thead>
                  <tr>
                    <th>{t('name')}</th>
                    {PRIORITIES.map((p) => (
                      <th key={p}>{t(p)}</th>
                    ))}
                    <th>{t('counting')}</th>
                    <th>{t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((policy) => (
                    <tr key={policy.id} aria-label={policy.name}>
                      <td>
                        {policy.name}
                        {policy.isDefault && <span className="default-badge">{t('defaultBadge')}</span>}
                      </td>
                      {PRIORITIES.map((p) => (
                        <td key={p} className="small">
                          {targetText(policy.targets[p], t)}
                        </td>
                      ))}
                      <td className="small">{countingText(policy, t)}</td>
                      <td className="list-row-actions">
                        {!policy.isDefault && (
                          <button
                            type="button"
                            aria-label={`${t('makeDefault')}: ${policy.name}`}
                            onClick={() => void act(() => api.updateSla(policy.id, { isDefault: true }))}
                          >
                            {t('makeDefault')}
                          </button>
                        )}
                        <button
                          type="button"
                          aria-label={`${t('edit')}: ${policy.name}`}
                          onClick={() => form.edit(policy)}
                        >
                          {t('edit')}
                        </button>
                        <button
                          type="button"
                          aria-label={`${t('delete')}: ${policy.name}`}
                          onClick={() => {
                            if (window.confirm(t('confirmDelete'))) void act(() => api.deleteSla(policy.id));
                          }}
                        >
                          {t('delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </LoadState>
    </EditableListPage>
  );
}

type TargetDraft = { on: boolean; first: string; resolution: string };
const FIELDS = ['name', 'targets', 'businessHoursOnly', 'isDefault'] as const;

function SlaForm({
  policy,
  api,
  onDone,
}: {
  policy?: SlaPolicyWire;
  api: DeskApi;
  onDone(changed: boolean): void;
}) {
  const { t } = useWords();
  const [name, setName] = useState(policy?.name ?? '');
  const [targets, setTargets] = useState<Record<Priority, TargetDraft>>(() => {
    const drafts = {} as Record<Priority, TargetDraft>;
    for (const p of PRIORITIES) {
      const target = policy?.targets[p];
      drafts[p] = target
        ? {
            on: true,
            first: String(target.firstResponseMinutes),
            resolution: String(target.resolutionMinutes),
          }
        : { on: !policy, first: String(NEW_TARGETS[p][0]), resolution: String(NEW_TARGETS[p][1]) };
    }
    return drafts;
  });
  const [businessHoursOnly, setBusinessHoursOnly] = useState(policy?.businessHoursOnly ?? false);
  const [isDefault, setIsDefault] = useState(policy?.isDefault ?? false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (p: Priority, change: Partial<TargetDraft>) =>
    setTargets((all) => ({ ...all, [p]: { ...all[p], ...change } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // Unticked says nothing (the default is moved by making another policy the default).
    const body: SlaPolicyCreate = {
      name: name.trim(),
      targets: {},
      businessHoursOnly,
      ...(isDefault ? { isDefault } : {}),
    };
    for (const p of PRIORITIES) {
      const d = targets[p];
      if (d.on)
        body.targets[p] = { firstResponseMinutes: Number(d.first), resolutionMinutes: Number(d.resolution) };
    }
    try {
      if (policy) await api.updateSla(policy.id, body);
      else await api.createSla(body);
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const notes = fieldNotes(error, 'sla');
  // "targets" itself (none given) as against one target's number, which has its own note.
  const noTargets = error instanceof ApiError && error.field === 'body/targets';
  const general = formError(error, FIELDS);

  return (
    <form
      className="list-form"
      aria-label={policy ? t('editPolicy') : t('newPolicy')}
      onSubmit={(e) => void submit(e)}
    >
      <h2>{policy ? t('editPolicy') : t('newPolicy')}</h2>
      <ActionFailed lead={t('actionFailed')} error={general} />
      <Field label={t('name')} note={notes.note('name')}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          {...notes.invalid('name')}
        />
      </Field>
      <table className="sla-targets" aria-describedby={noTargets ? 'sla-targets-error' : undefined}>
        <thead>
          <tr>
            <th>{t('priority')}</th>
            <th>{t('hasTargets')}</th>
            <th>{t('firstResponse')}</th>
            <th>{t('resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => {
            const d = targets[p];
            const first = `targets/${p}/firstResponseMinutes`;
            const resolution = `targets/${p}/resolutionMinutes`;
            return (
              <tr key={p}>
                <th scope="row">{t(p)}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('hasTargets')}: ${t(p)}`}
                    checked={d.on}
                    onChange={(e) => set(p, { on: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={`${t('firstResponse')}: ${t(p)}`}
                    disabled={!d.on}
                    required={d.on}
                    value={d.first}
                    onChange={(e) => set(p, { first: e.target.value })}
                    {...notes.invalid(first)}
                  />{' '}
                  <span className="muted small">{d.on && readable(Number(d.first), t)}</span>
                  {notes.note(first)}
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={`${t('resolution')}: ${t(p)}`}
                    disabled={!d.on}
                    required={d.on}
                    value={d.resolution}
                    onChange={(e) => set(p, { resolution: e.target.value })}
                    {...notes.invalid(resolution)}
                  />{' '}
                  <span className="muted small">{d.on && readable(Number(d.resolution), t)}</span>
                  {notes.note(resolution)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {noTargets && (
        <span className="field-error" role="alert" id="sla-targets-error">
          {t('targetsRule')}
        </span>
      )}
      <label className="list-check">
        <input
          type="checkbox"
          checked={businessHoursOnly}
          onChange={(e) => setBusinessHoursOnly(e.target.checked)}
        />
        {t('businessHoursOnly')}
      </label>
      {notes.note('businessHoursOnly')}
      {!policy?.isDefault && (
        <label className="list-check">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
          {t('isDefault')}
        </label>
      )}
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

/** A new policy's starting targets (first response, resolution), minutes: a common small-shop SLA. */
const NEW_TARGETS: Record<Priority, [number, number]> = {
  low: [8 * 60, 5 * 24 * 60],
  normal: [4 * 60, 3 * 24 * 60],
  high: [60, 24 * 60],
  urgent: [15, 4 * 60],
};

/** Minutes as the largest whole unit that fits them: 90 -> "90 min", 120 -> "2 h", 2880 -> "2 d". */
function readable(minutes: number, t: Words): string {
  if (!Number.isInteger(minutes) || minutes < 1) return '';
  // A number never wraps away from its unit.
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)}\u00a0${t('day')}`;
  if (minutes % 60 === 0) return `${minutes / 60}\u00a0${t('hour')}`;
  return `${minutes}\u00a0${t('min')}`;
}

/** "4 h / 3 d": first response / resolution, as the table's note says. */
function targetText(target: SlaPolicyWire['targets'][Priority], t: Words): string {
  if (!target) return t('noTarget');
  return `${readable(target.firstResponseMinutes, t)} / ${readable(target.resolutionMinutes, t)}`;
}

/** What the policy's clock counts, as stored: calendar time, or business hours (its own or the default). */
function countingText(policy: SlaPolicyWire, t: Words): string {
  if (!policy.businessHoursOnly) return t('calendar');
  return `${t('businessHours')} (${policy.businessHours ? hoursText(policy.businessHours, t) : t('defaultHours')})`;
}

function hoursText(hours: BusinessHoursSpec, t: Words): string {
  const slots = hours.schedule.map((s) => `${t(s.day)} ${s.open}–${s.close}`).join(', ');
  return hours.timeZone ? `${slots}, ${hours.timeZone}` : slots;
}
