import { useState, type ReactNode } from 'react';
import { ActionFailed } from './row-actions';
import './editable-list.css';

/** Which form an editable list has open: none, a new item's, or one item's. */
export type Editing<T> = { kind: 'new' } | { kind: 'edit'; item: T } | null;

/** The open form's state, and the key that gives each item's form fresh fields. */
export function useEditing<T extends { id: string }>() {
  const [editing, setEditing] = useState<Editing<T>>(null);
  return {
    editing,
    startNew: () => setEditing({ kind: 'new' }),
    edit: (item: T) => setEditing({ kind: 'edit', item }),
    close: () => setEditing(null),
    formKey: editing?.kind === 'edit' ? editing.item.id : 'new',
    item: editing?.kind === 'edit' ? editing.item : undefined,
  };
}

/**
 * The frame every editable list page shares: its heading and introduction, the tools above the list
 * (the "new" button, filters), the open form, the line a refused row action leaves, then the list.
 */
export function EditableListPage({
  id,
  className,
  title,
  intro,
  tools,
  form,
  actionFailed,
  children,
}: {
  id: string;
  className?: string;
  title: string;
  intro: string;
  tools: ReactNode;
  form: ReactNode;
  actionFailed: { lead: string; error: string | null };
  children: ReactNode;
}) {
  return (
    <section className={className ? `settings-page ${className}` : 'settings-page'} aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      <p>{intro}</p>
      {tools}
      {form}
      <ActionFailed lead={actionFailed.lead} error={actionFailed.error} />
      {children}
    </section>
  );
}
