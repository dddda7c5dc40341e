/** Text shown to owners in both languages the product ships in. */
export interface LocalText {
  en: string;
  zh: string;
}
