/**
 * Following a run or a comparison: its server-sent events drive a progress bar. When the stream
 * breaks, the connection banner shows and the status says the page is waiting for the server; once the
 * server answers again, the job's status is read afresh and the stream reopened if it is still going.
 */
import { api, isNotFound, withToken } from "./api.js";
import { connectionLost, onReconnect } from "./connection.js";
import { setStatus } from "./dom.js";
import { t, type Key } from "./i18n.js";
import type { Job } from "./types.js";

const TERMINAL = new Set(["done", "failed", "cancelled"]);

export function jobStatusText(job: Job): string {
  return `${t(job.status as Key)}: ${job.done} ${t("of")} ${job.total}${job.error ? ` — ${job.error}` : ""}`;
}

export function follow(kind: "runs" | "comparisons" | "optimisations", id: string, bar: HTMLProgressElement, statusId: string): Promise<Job> {
  bar.hidden = false;
  bar.value = 0;
  bar.removeAttribute("data-stalled");
  return new Promise((resolve) => {
    let source: EventSource | undefined;
    let cancelWait: (() => void) | undefined;
    let finished = false;
    const show = (job: Job) => {
      bar.max = Math.max(1, job.total);
      bar.value = job.done;
      bar.setAttribute("aria-valuetext", `${job.done} ${t("of")} ${job.total}`);
      bar.removeAttribute("data-stalled");
      setStatus(statusId, jobStatusText(job), job.status === "failed" ? "error" : job.status === "done" ? "ok" : "");
    };
    const finish = (job: Job) => {
      if (finished) return;
      finished = true;
      source?.close();
      cancelWait?.();
      resolve(job);
    };
    const lost = () => {
      source?.close();
      bar.dataset.stalled = "true";
      setStatus(statusId, t("waitingForServer"), "error");
      connectionLost();
      cancelWait?.();
      cancelWait = onReconnect(() => void reread());
    };
    const open = () => {
      source = new EventSource(withToken(`/api/${kind}/${id}/events`));
      for (const type of ["progress", "done", "failed", "cancelled"]) {
        source.addEventListener(type, (event) => {
          const job = JSON.parse((event as MessageEvent<string>).data) as Job;
          show(job);
          if (type !== "progress") finish(job);
        });
      }
      source.addEventListener("error", () => {
        if (!finished) lost();
      });
    };
    const reread = async () => {
      try {
        const job = await api<Job>(`/${kind}/${id}`);
        show(job);
        if (TERMINAL.has(job.status)) finish(job);
        else open();
      } catch (error) {
        if (isNotFound(error)) finish({ id, status: "failed", done: 0, total: 0, error: t("jobGone") });
        else lost();
      }
    };
    open();
  });
}
