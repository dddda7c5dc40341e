import type { RunStep } from '@kefu/schemas/api';
import { nodePorts } from './catalog';
import { useT, type Lang } from './i18n';
import { describeWhy, type PortLabel } from './why-words';

/** A port's label in the version the run ran on (a switch's cases come from its config). */
export function portLabeller(nodeType: string, config: unknown, lang: Lang): PortLabel {
  const ports = nodePorts(nodeType, config);
  return (port) => ports.find((p) => p.name === port)?.label[lang] ?? port;
}

/**
 * Why a step left by its port, in plain words: the rule and the values it saw, the
 * knowledge-base score against its threshold, the agents routing passed over. `brief` shows the
 * one-line summary only (on the canvas, in the timeline). Steps without a why (recorded before
 * why-traces, or nodes that decide nothing) show their `decision` sentence in full mode only.
 */
export function StepWhy({
  step,
  config,
  brief = false,
}: {
  step: Pick<RunStep, 'nodeType' | 'port' | 'why' | 'decision'>;
  /** The node's config in the version the run ran on, for port labels. */
  config: unknown;
  brief?: boolean;
}) {
  const { lang } = useT();
  const text = step.why
    ? describeWhy(step.why, lang, step.port, portLabeller(step.nodeType, config, lang))
    : null;
  // A span: the brief line also sits inside the timeline's buttons. Only deciding steps have one.
  if (brief)
    return text ? (
      <span className="step-why-brief" data-testid="step-why-brief" title={text.summary}>
        {text.summary}
      </span>
    ) : null;
  if (!text) return step.decision ? <div className="step-why small">{step.decision}</div> : null;
  return (
    <div className="step-why" data-testid="step-why" data-kind={step.why?.kind}>
      <div className="step-why-summary">{text.summary}</div>
      {text.notTaken && <div className="step-why-not-taken small">{text.notTaken}</div>}
      {text.details.length > 0 && (
        <ul className="step-why-details small">
          {text.details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
