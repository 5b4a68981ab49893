/** The fixed summary languages offered (ISO 639-1), besides "the call's own". */
export const summaryLanguages = [
  { code: "de", label: "German (Deutsch)" },
  { code: "en", label: "English" },
  { code: "fr", label: "French (Français)" },
  { code: "es", label: "Spanish (Español)" },
  { code: "it", label: "Italian (Italiano)" },
  { code: "nl", label: "Dutch (Nederlands)" },
  { code: "pl", label: "Polish (Polski)" },
  { code: "pt", label: "Portuguese (Português)" },
  { code: "tr", label: "Turkish (Türkçe)" },
] as const;

export const summaryLanguageCodes = summaryLanguages.map((l) => l.code);

export const languageLabel = (code: string | null): string =>
  code ? (summaryLanguages.find((l) => l.code === code)?.label ?? code) : "The call's own language";
