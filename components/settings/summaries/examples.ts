/** Starting points for the base instructions: SIPSIM's own examples, worded for our prompt. */
export const instructionExamples = [
  {
    label: "Structured",
    text: "Always include: 1) the main topic discussed, 2) the customer's sentiment, 3) action items with who does what, 4) whether a follow-up is required (yes/no).",
  },
  {
    label: "Sales",
    text: "Focus on sales opportunities and customer objections. Include any pricing, discounts or quantities discussed, and the next step agreed with the customer.",
  },
  {
    label: "Support",
    text: "Write it like a support ticket: the customer's problem, what was checked or tried during the call, whether it was solved, and what has to happen next. Mention order, contract or ticket numbers exactly as said.",
  },
] as const;
