export const SESSION_TO_CALL_JOB = "aiflow.session-to-call";
