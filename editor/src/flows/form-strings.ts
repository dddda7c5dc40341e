import { englishStringTranslator, TranslatableString } from '@rjsf/utils';
import type { Lang } from './i18n';

/** rjsf's own button words in Chinese; everything else keeps its English text. */
const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.ClearButton]: '清除',
};

export function formStrings(lang: Lang) {
  return (text: TranslatableString, params?: string[]) =>
    lang === 'zh' && ZH[text] ? (ZH[text] as string) : englishStringTranslator(text, params);
}
