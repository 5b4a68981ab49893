"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

// "Test connection" sits in the settings form and "Try the draft" in a card below it; both send
// the form's draft, and what either finds wrong with one of its fields (the API key needed again
// for a new base URL, a base URL the outbound policy refuses) is shown beside that field.

type FieldMessages = Record<string, string>;
type DraftFeedback = { fields: FieldMessages; setFields: (fields: FieldMessages) => void };

const DraftFeedbackContext = createContext<DraftFeedback>({ fields: {}, setFields: () => {} });

export function DraftFeedbackProvider({ children }: { children: ReactNode }) {
  const [fields, setFields] = useState<FieldMessages>({});
  return <DraftFeedbackContext value={{ fields, setFields }}>{children}</DraftFeedbackContext>;
}

/** The messages for the settings form's fields from the last test or try of the draft. */
export const useDraftFeedback = () => useContext(DraftFeedbackContext);
