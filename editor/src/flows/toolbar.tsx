import { useReactFlow } from '@xyflow/react';
import {
  Copy,
  ClipboardPaste,
  CopyPlus,
  Grid3x3,
  LayoutDashboard,
  Maximize,
  Redo2,
  Trash2,
  Undo2,
} from 'lucide-react';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import {
  selectCanRedo,
  selectCanUndo,
  selectName,
  selectReadOnly,
  selectSelectionCount,
  selectSnap,
} from './selectors';
import { copySelection, pasteClipboard } from './use-shortcuts';

/** Canvas commands; each is also a keyboard shortcut (see the hint line). */
export function Toolbar() {
  const { t } = useT();
  const canUndo = useFlowStore(selectCanUndo);
  const canRedo = useFlowStore(selectCanRedo);
  const selected = useFlowStore(selectSelectionCount);
  const snap = useFlowStore(selectSnap);
  const name = useFlowStore(selectName);
  const readOnly = useFlowStore(selectReadOnly);
  const { fitView } = useReactFlow();
  const s = useFlowStore.getState();
  const tool = (
    label: string,
    Icon: typeof Copy,
    onClick: () => void,
    disabled = false,
    pressed?: boolean,
  ) => (
    <button
      type="button"
      className="tool"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label="Canvas tools">
      <input
        className="flow-name"
        aria-label={t('name')}
        value={name}
        maxLength={120}
        readOnly={readOnly}
        onChange={(e) => s.setMeta({ name: e.target.value })}
      />
      {readOnly ? (
        tool(t('fit'), Maximize, () => void fitView({ duration: 200 }))
      ) : (
        <>
          {tool(t('undo'), Undo2, s.undo, !canUndo)}
          {tool(t('redo'), Redo2, s.redo, !canRedo)}
          <span className="sep" />
          {tool(t('duplicate'), CopyPlus, s.duplicateSelected, selected === 0)}
          {tool(t('copy'), Copy, () => void copySelection(), selected === 0)}
          {tool(t('paste'), ClipboardPaste, () => void pasteClipboard())}
          {tool(t('delete'), Trash2, s.deleteSelected, selected === 0)}
          <span className="sep" />
          {tool(t('tidy'), LayoutDashboard, () => {
            s.tidy();
            requestAnimationFrame(() => void fitView({ duration: 200 }));
          })}
          {tool(t('fit'), Maximize, () => void fitView({ duration: 200 }))}
          {tool(t('snap'), Grid3x3, () => s.setSnap(!snap), false, snap)}
        </>
      )}
    </div>
  );
}
