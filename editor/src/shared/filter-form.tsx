import { useState, type FormEvent } from 'react';
import './filter-form.css';

/** A `datetime-local` value (the user's own clock) as the API's ISO time; undefined when empty. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** What every filter form holds besides its own fields: a time range in the user's clock. */
export interface RangeForm {
  from: string;
  to: string;
}

/**
 * A list's filter form: the fields as typed, and the filter the list is showing, which changes only
 * when the form is applied (a range that ends before it starts is refused instead) or cleared.
 */
export function useFilterForm<Form extends RangeForm, Filter extends object>(
  empty: Form,
  toFilter: (form: Form) => Omit<Filter, 'from' | 'to'>,
) {
  const [form, setForm] = useState<Form>(empty);
  const [filter, setFilter] = useState<Filter>({} as Filter);
  const [rangeError, setRangeError] = useState(false);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const from = toIso(form.from);
    const to = toIso(form.to);
    if (from && to && from >= to) return setRangeError(true);
    setRangeError(false);
    setFilter({ ...toFilter(form), ...(from ? { from } : {}), ...(to ? { to } : {}) } as Filter);
  };
  const clear = () => {
    setForm(empty);
    setRangeError(false);
    setFilter({} as Filter);
  };
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return { form, set, filter, apply, clear, rangeError, filtered: Object.keys(filter).length > 0 };
}

/** The end of a filter form: its time range, apply and clear, and the refused range's message. */
export function RangeAndActions({
  form,
  set,
  clear,
  rangeError,
  words,
}: Pick<ReturnType<typeof useFilterForm<RangeForm, object>>, 'form' | 'set' | 'clear' | 'rangeError'> & {
  words: { from: string; to: string; apply: string; clear: string; badRange: string };
}) {
  return (
    <>
      <label>
        {words.from}
        <input type="datetime-local" value={form.from} onChange={set('from')} />
      </label>
      <label>
        {words.to}
        <input
          type="datetime-local"
          value={form.to}
          aria-invalid={rangeError ? true : undefined}
          onChange={set('to')}
        />
      </label>
      <button type="submit">{words.apply}</button>
      <button type="button" onClick={clear}>
        {words.clear}
      </button>
      {rangeError && (
        <p className="error field-error" role="alert">
          {words.badRange}
        </p>
      )}
    </>
  );
}
