import "server-only";
// Account mail (password reset, address verification) through nodemailer: to the SMTP server in SMTP_URL, or,
// when none is configured (local development), as .eml files in MAIL_OUTBOX_DIR that any mail client opens.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { env } from "@/server/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface MailSettings {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}

const fromEnv = (): MailSettings => ({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: env.MAIL_OUTBOX_DIR });

export async function sendMail(mail: Mail, settings: MailSettings = fromEnv()): Promise<void> {
  const message = { from: settings.from, to: mail.to, subject: mail.subject, text: mail.text };
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    try {
      await transport.sendMail(message);
    } finally {
      transport.close();
    }
    return;
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  await mkdir(settings.outboxDir, { recursive: true, mode: 0o700 });
  const file = path.join(settings.outboxDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`);
  await writeFile(file, info.message as Buffer, { mode: 0o600 });
}
