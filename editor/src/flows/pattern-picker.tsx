import { useState } from 'react';
import { PATTERN_PRESETS, PRESET_PREFIX } from '@kefu/nodes';
import { useT } from './i18n';

const NONE = '__none';
const CUSTOM = '__custom';

/**
 * A pattern value: one of the catalog's named presets, shown by its name in the UI language, or a
 * custom regular expression typed beside the list. Stores `preset:<name>` or the expression.
 */
export function PatternPicker(props: {
  id: string;
  value: unknown;
  label: string;
  onChange(value: string): void;
}) {
  const { t, lt } = useT();
  const value = typeof props.value === 'string' ? props.value : '';
  const preset = value.startsWith(PRESET_PREFIX) ? value.slice(PRESET_PREFIX.length) : null;
  // "Custom" stays chosen while its expression is still empty.
  const [customChosen, setCustomChosen] = useState(false);
  const custom = preset === null && (value !== '' || customChosen);
  const selected = preset ?? (custom ? CUSTOM : NONE);
  return (
    <span className="pattern-picker">
      <select
        id={props.id}
        aria-label={props.label}
        value={selected}
        onChange={(e) => {
          const choice = e.target.value;
          setCustomChosen(choice === CUSTOM);
          if (choice === CUSTOM) props.onChange('');
          else if (choice !== NONE) props.onChange(PRESET_PREFIX + choice);
        }}
      >
        {selected === NONE && <option value={NONE}>{t('choosePattern')}</option>}
        {preset !== null && !Object.hasOwn(PATTERN_PRESETS, preset) && (
          <option value={preset}>{preset}</option>
        )}
        {Object.entries(PATTERN_PRESETS).map(([name, p]) => (
          <option key={name} value={name}>
            {lt(p.label)}
          </option>
        ))}
        <option value={CUSTOM}>{t('customPattern')}</option>
      </select>
      {custom && (
        <input
          aria-label={t('patternExpression')}
          placeholder="^QY\d{8}$"
          value={value}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </span>
  );
}
