import { useEffect, useState, type FormEvent } from 'react';
import type { FlowDraft } from '@kefu/schemas';
import type { FunnelNode, FunnelReport } from '@kefu/schemas/api';
import { findNode } from '@kefu/nodes';
import { nodePorts } from '../flows/catalog';
import '../shared/editable-list.css';
import '../shared/filter-form.css';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { dropShare, duration, percent, signed } from './funnel-figures';
import { funnelApi, funnelCanvasHref, type FunnelApi, type FunnelQuestion } from './funnel-api';
import { useFunnelWords } from './funnel-words';
import { addDays, dayIn, useWorkspaceZone } from './workspace-day';
import './flow-funnel.css';

interface Side {
  question: FunnelQuestion;
  report: FunnelReport;
  draft: FlowDraft;
}
interface Asked {
  a: FunnelQuestion;
  compare?: number;
}

/**
 * A flow version's funnel (GET /analytics/funnel, figures kept as runs happen): per node the runs
 * that entered, the ways they left, where they dropped off, how long they stayed; optionally a
 * second version beside it with the difference. Each version opens on the designer's canvas as heat.
 */
export function FlowFunnel({ api = funnelApi, now = Date.now() }: { api?: FunnelApi; now?: number }) {
  const { t, lang } = useFunnelWords();
  const today = dayIn(now, useWorkspaceZone());
  const [form, setForm] = useState({
    flowId: '',
    version: '',
    compare: '',
    from: addDays(today, -29),
    to: today,
  });
  const [asked, setAsked] = useState<Asked | null>(null);
  const [rangeError, setRangeError] = useState(false);
  const flows = useLoad(() => api.flows(), 'funnel-flows');
  const versions = useLoad(
    () => (form.flowId ? api.versions(form.flowId) : Promise.resolve([])),
    `funnel-versions-${form.flowId}`,
  );
  // The newest version is the first question about a flow.
  useEffect(() => {
    if (versions.state === 'ready' && versions.data.length && !form.version)
      setForm((f) => ({ ...f, version: String(versions.data[0]) }));
  }, [versions, form.version]);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({
      ...f,
      [key]: e.target.value,
      ...(key === 'flowId' ? { version: '', compare: '' } : {}),
    }));
  const show = (e: FormEvent) => {
    e.preventDefault();
    if (!form.flowId || !form.version) return;
    if (form.to < form.from) return setRangeError(true);
    setRangeError(false);
    const a = { flowId: form.flowId, version: Number(form.version), from: form.from, to: form.to };
    setAsked({ a, ...(form.compare ? { compare: Number(form.compare) } : {}) });
  };
  const result = useLoad(async (): Promise<Side[] | null> => {
    if (!asked) return null;
    const questions = [asked.a, ...(asked.compare ? [{ ...asked.a, version: asked.compare }] : [])];
    return Promise.all(
      questions.map(async (question) => {
        const [report, draft] = await Promise.all([
          api.funnel(question),
          api.draft(question.flowId, question.version),
        ]);
        return { question, report, draft };
      }),
    );
  }, JSON.stringify(asked));

  return (
    <section className="flow-funnel" aria-labelledby="funnel-title">
      <p className="muted" id="funnel-title">
        {t('intro')}
      </p>
      <form className="filter-form" aria-label={t('form')} onSubmit={show}>
        <label>
          {t('flow')}
          <select value={form.flowId} onChange={set('flowId')}>
            <option value="">{t('chooseFlow')}</option>
            {(flows.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('version')}
          <select value={form.version} onChange={set('version')} disabled={!versions.data?.length}>
            {(versions.data ?? []).map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare')}
          <select value={form.compare} onChange={set('compare')} disabled={!versions.data?.length}>
            <option value="">{t('noCompare')}</option>
            {(versions.data ?? [])
              .filter((v) => String(v) !== form.version)
              .map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('from')}
          <input type="date" value={form.from} onChange={set('from')} required />
        </label>
        <label>
          {t('to')}
          <input type="date" value={form.to} onChange={set('to')} required />
        </label>
        <button type="submit" disabled={!form.flowId || !form.version}>
          {t('show')}
        </button>
      </form>
      {rangeError && (
        <p className="form-error" role="alert">
          {t('badRange')}
        </p>
      )}
      {form.flowId && versions.state === 'ready' && !versions.data.length && (
        <p className="muted">{t('noVersions')}</p>
      )}
      {!asked ? (
        <p className="muted">{t('pickFlow')}</p>
      ) : (
        <LoadState
          loaded={result}
          words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
        >
          {(sides) => sides && <FunnelTable sides={sides} lang={lang} />}
        </LoadState>
      )}
    </section>
  );
}

type Lang = 'en' | 'zh';

/** "Condition: VIP?" — the node's kind in the reader's language, and its caption. */
function nodeName(draft: FlowDraft | undefined, nodeId: string, lang: Lang): string {
  const node = draft?.nodes.find((n) => n.id === nodeId);
  if (!node) return nodeId;
  const def = findNode(node.type);
  const kind = def ? def.editor.label[lang] : node.type;
  return node.label ? `${kind}: ${node.label}` : `${kind} (${nodeId})`;
}

function portsText(draft: FlowDraft | undefined, n: FunnelNode | undefined, lang: Lang): string {
  if (!n || !Object.keys(n.left).length) return '—';
  const node = draft?.nodes.find((d) => d.id === n.nodeId);
  const ports = node ? nodePorts(node.type, node.config) : [];
  return Object.entries(n.left)
    .map(([port, count]) => `${ports.find((p) => p.name === port)?.label[lang] ?? port} ${count}`)
    .join(' · ');
}

function FunnelTable({ sides, lang }: { sides: Side[]; lang: Lang }) {
  const { t } = useFunnelWords();
  const [a, b] = sides as [Side, Side | undefined];
  // Nodes in the order the version draws them; a compared version's own nodes after.
  const ids = [
    ...new Set([
      ...a.draft.nodes.map((n) => n.id),
      ...(b?.draft.nodes.map((n) => n.id) ?? []),
      ...a.report.nodes.map((n) => n.nodeId),
      ...(b?.report.nodes.map((n) => n.nodeId) ?? []),
    ]),
  ];
  const at = (side: Side | undefined, id: string) => side?.report.nodes.find((n) => n.nodeId === id);
  const zero = (side: Side | undefined, id: string, key: 'entered' | 'dropped' | 'waiting' | 'finished') =>
    at(side, id)?.[key] ?? 0;
  const v = (side: Side) => `v${side.question.version}`;
  return (
    <div className="funnel-result">
      <p className="funnel-summary">
        {sides.map((s) => (
          <span key={s.question.version}>
            <strong>{v(s)}</strong> · {t('runs')}:{' '}
            <strong data-testid={`funnel-runs-${s.question.version}`}>{s.report.runs}</strong> ·{' '}
            <a href={funnelCanvasHref(s.question)}>{t('showOnCanvas')}</a>
          </span>
        ))}
      </p>
      {!sides.some((s) => s.report.runs) && <p className="muted">{t('noRuns')}</p>}
      <table className="list-table funnel-table">
        <caption className="muted small">{t('droppedHint')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('node')}</th>
            <th scope="col">{t('entered')}</th>
            <th scope="col">{t('left')}</th>
            <th scope="col">{t('finished')}</th>
            <th scope="col">{t('dropped')}</th>
            <th scope="col">{t('dropShare')}</th>
            <th scope="col">{t('waiting')}</th>
            <th scope="col">{t('median')}</th>
            <th scope="col">{t('p90')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const na = at(a, id);
            const nb = at(b, id);
            const inA = a.draft.nodes.some((n) => n.id === id);
            const inB = b?.draft.nodes.some((n) => n.id === id);
            /** A figure of A, and with a comparison B's beside it and the difference. */
            const pair = (key: 'entered' | 'dropped' | 'waiting' | 'finished') =>
              b ? (
                <>
                  {zero(a, id, key)} / {zero(b, id, key)}{' '}
                  <span className="funnel-diff">({signed(zero(a, id, key) - zero(b, id, key))})</span>
                </>
              ) : (
                zero(a, id, key)
              );
            return (
              <tr key={id} data-testid={`funnel-row-${id}`}>
                <th scope="row">
                  {nodeName(inA ? a.draft : b?.draft, id, lang)}
                  {b && (!inA || !inB) && <span className="muted small"> {t('removed')}</span>}
                </th>
                <td>{pair('entered')}</td>
                <td>
                  {portsText(a.draft, na, lang)}
                  {b && <div className="muted small">{portsText(b.draft, nb, lang)}</div>}
                </td>
                <td>{pair('finished')}</td>
                <td>{pair('dropped')}</td>
                <td>
                  {percent(na ? dropShare(na) : null)}
                  {b && ` / ${percent(nb ? dropShare(nb) : null)}`}
                </td>
                <td>{pair('waiting')}</td>
                <td className="nowrap">
                  {duration(na?.time.median ?? null)}
                  {b && ` / ${duration(nb?.time.median ?? null)}`}
                </td>
                <td className="nowrap">
                  {duration(na?.time.p90 ?? null)}
                  {b && ` / ${duration(nb?.time.p90 ?? null)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {b && (
        <p className="muted small">
          {v(a)} / {v(b)} ({t('diff')} = {v(a)} − {v(b)})
        </p>
      )}
    </div>
  );
}
