import type { OutcomeChange } from "../state/ledger.js";
import { AppendLog } from "../log/append-log.js";

/** One line of the audit log: who did what when, and what came of it. */
export interface AuditRecord {
  /** Server time (UTC ISO). */
  time: string;
  /** The token's name; "anonymous" when no valid token came; "server" for the server's own notes. */
  who: string;
  amk: string | null;
  role: string | null;
  method: string;
  /** The route pattern (e.g. /api/live/events), never the URL with its query (which may hold a token). */
  route: string;
  status: number;
  /** For posted events: how many were accepted, duplicates, and every refusal with its reason. */
  accepted?: number;
  duplicates?: number;
  refused?: Array<{ id: string; reason: string }>;
  /** Earlier events whose outcome a late event changed. */
  changed?: OutcomeChange[];
  note?: string;
}

/** The audit log, audit.jsonl in the live folder: append-only, each line synced to disk. */
export class AuditLog {
  private constructor(private readonly log: AppendLog) {}

  static async open(path: string): Promise<AuditLog> {
    return new AuditLog(await AppendLog.open(path));
  }

  record(record: AuditRecord): Promise<void> {
    return this.log.append([record]);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
