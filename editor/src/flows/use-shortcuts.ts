import { useEffect } from 'react';
import { useFlowStore } from './flow-store';
import { clipboardFromText, LOCAL_CLIPBOARD_KEY, selectionToClipboard } from './clipboard';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Designer keyboard shortcuts and the system clipboard (copy/paste events need no permission prompt). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const s = useFlowStore.getState();
      if (s.readOnly) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (key === 'delete' || key === 'backspace') s.deleteSelected();
      else if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) s.redo();
      else if (mod && key === 'd') s.duplicateSelected();
      else if (mod && key === 'a') s.selectAll();
      else return;
      e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const text = selectionToClipboard(useFlowStore.getState());
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      localStorage.setItem(LOCAL_CLIPBOARD_KEY, text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || useFlowStore.getState().readOnly) return;
      const content = clipboardFromText(e.clipboardData?.getData('text/plain') ?? '');
      if (!content) return;
      useFlowStore.getState().paste(content);
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

/** Toolbar copy: the system clipboard when the browser allows it, and a local copy for the paste button. */
export async function copySelection(): Promise<void> {
  const text = selectionToClipboard(useFlowStore.getState());
  if (!text) return;
  localStorage.setItem(LOCAL_CLIPBOARD_KEY, text);
  await navigator.clipboard?.writeText(text).catch(() => {});
}

export async function pasteClipboard(): Promise<void> {
  const fromSystem = await navigator.clipboard?.readText().catch(() => '');
  const content =
    clipboardFromText(fromSystem ?? '') ?? clipboardFromText(localStorage.getItem(LOCAL_CLIPBOARD_KEY) ?? '');
  if (content) useFlowStore.getState().paste(content);
}
