import { describe, expect, it } from "vitest";
import { useTestApp } from "../testing/app.js";

/** The standby tables the web's relocation form asks for, and the engine policies it saves (dynamic-mexclp, compliance-table). */
describe("POST /api/scenarios/:id/compliance-table and relocation variants", () => {
  const inject = useTestApp();

  const table = (id: string, payload: unknown) => inject({ method: "POST", url: `/api/scenarios/${id}/compliance-table`, payload: payload as Record<string, unknown> });
  const variant = (overlay: unknown, name: string) => inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name, overlay } as Record<string, unknown> });

  it("refuses bad requests with 400 and the field, an unknown scenario with 404", async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ["demo", { busyFraction: 0 }, 400, "body.busyFraction"],
      ["demo", { busyFraction: 1 }, 400, "body.busyFraction"],
      ["demo", { busyFraction: "lots" }, 400, "body.busyFraction"],
      ["demo", { byOwner: "yes" }, 400, "body.byOwner"],
      ["demo", { rows: 3 }, 400, "body.rows"],
      ["nowhere", {}, 404, ""],
    ];
    for (const [id, payload, status, field] of cases) {
      const response = await table(id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      if (field) expect(response.json().issues.map((issue: { field: string }) => issue.field), JSON.stringify(payload)).toContain(field);
    }
  });

  it("refuses relocation variants with bad policy parameters (422, the field)", async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: "dynamic-mexclp", busyFraction: 1.5 }, "policies.relocation.busyFraction"],
      [{ name: "dynamic-mexclp", coverageSec: 0 }, "policies.relocation.coverageSec"],
      [{ name: "compliance-table", tables: { nobody: [["st-lier"]] } }, "policies.relocation.tables.nobody"],
      [{ name: "compliance-table", table: [["st-lier", "st-drammen"]] }, "policies.relocation.table[0]"],
    ];
    for (const [k, [relocation, field]] of cases.entries()) {
      const response = await variant({ policies: { relocation: { replace: true, ...(relocation as object) } } }, `Bad relocation ${k}`);
      expect(response.statusCode, JSON.stringify(relocation)).toBe(422);
      expect(response.json().issues.map((issue: { field: string }) => issue.field)).toContain(field);
    }
  });

  it("makes a table per owner for the demo, which saves as a variant with compliance-table", async () => {
    const made = await table("demo", { byOwner: true, busyFraction: 0.4 });
    expect(made.statusCode, made.body).toBe(200);
    const body = made.json() as { relocation: { name: string; tables: Record<string, string[][]> }; tables: Array<{ owner: string; rows: number }> };
    expect(body.tables).toEqual([expect.objectContaining({ owner: "vv", rows: 9 })]);
    expect(body.relocation.tables.vv!.map((row) => row.length)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const saved = await variant({ policies: { relocation: { replace: true, ...body.relocation } } }, "Oppstillingstabell per foretak");
    expect(saved.statusCode, saved.body).toBe(201);
    const read = (await inject({ method: "GET", url: `/api/scenarios/${saved.json().id}` })).json();
    expect(read.scenario.policies.relocation).toEqual(body.relocation);
    const dynamic = await variant({ policies: { relocation: { replace: true, name: "dynamic-mexclp", busyFraction: 0.4, coverageSec: 600 } } }, "Dynamisk MEXCLP");
    expect(dynamic.statusCode, dynamic.body).toBe(201);
  }, 120_000);
});
