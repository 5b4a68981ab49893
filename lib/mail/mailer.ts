import nodemailer from "nodemailer";

import { getEnv } from "@/lib/env";

export type MailMessage = { to: string; subject: string; text: string };
export type Mailer = { from: string; send: (message: MailMessage) => Promise<void> };

export function createMailer(smtp: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(smtp.url);
  return { from: smtp.from, send: async (m) => void (await transport.sendMail({ from: smtp.from, ...m })) };
}

let configured: Mailer | null | undefined;

/** The mailer of SMTP_URL, or null when email is not set up (features that need it are hidden then). */
export function configuredMailer(): Mailer | null {
  if (configured === undefined) {
    const smtp = getEnv().smtp;
    configured = smtp ? createMailer(smtp) : null;
  }
  return configured;
}

export const isEmailConfigured = (): boolean => getEnv().smtp !== undefined;
