import { describe, expect, it } from "vitest";
import { useTestApp } from "../testing/app.js";

describe("POST /api/optimisations", () => {
  const inject = useTestApp();

  const post = (payload: unknown) => inject({ method: "POST", url: "/api/optimisations", payload: payload as Record<string, unknown> });

  it("refuses bad problems with 400 and the field, an unknown scenario with 404, before any worker starts", async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ scenarioId: "demo" }, 400, "body.vehicles"],
      [{ scenarioId: "demo", vehicles: 0 }, 400, "body.vehicles"],
      [{ scenarioId: "demo", vehicles: "3" }, 400, "body.vehicles"],
      [{ scenarioId: "demo", vehicles: 201 }, 400, "body.vehicles"],
      [{ scenarioId: "demo", vehicles: 3, model: "fastest" }, 400, "body.model"],
      [{ scenarioId: "demo", vehicles: 3, plans: 11 }, 400, "body.plans"],
      [{ scenarioId: "demo", vehicles: 3, replications: 1 }, 400, "body.replications"],
      [{ scenarioId: "demo", vehicles: 3, replications: 51 }, 400, "body.replications"],
      [{ scenarioId: "demo", vehicles: 3, zones: "some" }, 400, "body.zones"],
      [{ scenarioId: "demo", vehicles: 3, sneaky: true }, 400, "body.sneaky"],
      [{ scenarioId: "demo", vehicles: 3, fixed: ["../etc"] }, 400, "body.fixed.0"],
      [{ scenarioId: "demo", vehicles: 3, fixed: ["st-nowhere"] }, 400, "body.fixed"],
      [{ scenarioId: "demo", vehicles: 3, trusts: { nobody: { min: 1 } } }, 400, "body.trusts.nobody"],
      [{ scenarioId: "demo", vehicles: 3, trusts: { vv: { min: 2, max: 1 } } }, 400, "body.trusts.vv"],
      [{ scenarioId: "demo", vehicles: 3, trusts: { vv: { min: 4 } } }, 400, "body.trusts.vv.min"],
      [{ scenarioId: "demo", vehicles: 3, trusts: { vv: { least: 1 } } }, 400, "body.trusts.vv.least"],
      [{ scenarioId: "demo", vehicles: 1, fixed: ["st-lier", "st-drammen"] }, 400, "body.vehicles"],
      [{ scenarioId: "nowhere", vehicles: 3 }, 404, ""],
    ];
    for (const [payload, status, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      const body = response.json();
      expect(body.error).toBe(status === 404 ? "not-found" : "bad-request");
      if (field) expect(body.issues.map((issue: { field: string }) => issue.field), JSON.stringify(payload)).toContain(field);
    }
    const listed = await inject({ method: "GET", url: "/api/optimisations" });
    expect(listed.json().jobs).toEqual([]);
  });

  it("solves the demo's siting, ranks its best plans with today, and a plan saves as a variant", async () => {
    const started = await post({ scenarioId: "demo", vehicles: 7, fixed: ["st-svelvik"], trusts: { vv: { max: 7 } }, plans: 2, replications: 2, seed: 3 });
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    await inject({ method: "GET", url: `/api/optimisations/${id}/events` }); // returns when the job ends
    const status = (await inject({ method: "GET", url: `/api/optimisations/${id}` })).json();
    expect(status.status, status.error).toBe("done");
    const result = (await inject({ method: "GET", url: `/api/optimisations/${id}/results` })).json();
    // Two plans from the MIP (the second by the no-good cut, never better than the first), each ranked with today on the same seeds.
    expect(result.siting.map((plan: { id: string }) => plan.id)).toEqual(["plan-1", "plan-2"]);
    expect(result.siting[1].objective).toBeLessThanOrEqual(result.siting[0].objective + 1e-9);
    expect(result.ranking.plans.map((plan: { id: string }) => plan.id).sort()).toEqual(["plan-1", "plan-2", "today"]);
    expect(result.ranking.replications).toBe(2);
    // Every plan places the 7 ambulances, Svelvik keeps at least one, and the two plans differ.
    for (const plan of ["plan-1", "plan-2"]) {
      expect(result.sites.reduce((sum: number, site: { vehicles: Record<string, number> }) => sum + site.vehicles[plan]!, 0)).toBe(7);
      expect(result.sites.find((site: { id: string }) => site.id === "st-svelvik").vehicles[plan]).toBeGreaterThanOrEqual(1);
    }
    expect(result.sites.map((site: { vehicles: Record<string, number> }) => site.vehicles["plan-1"])).not.toEqual(result.sites.map((site: { vehicles: Record<string, number> }) => site.vehicles["plan-2"]));
    const plan = result.plans.find((candidate: { id: string }) => candidate.id === result.ranking.best) ?? result.plans[0];
    const saved = await inject({ method: "POST", url: "/api/scenarios/demo/variants", payload: { name: "Optimert demo", overlay: plan.overlay } });
    expect(saved.statusCode, saved.body).toBe(201);
    const view = (await inject({ method: "GET", url: `/api/scenarios/${saved.json().id}` })).json();
    const ambulancesAt = (station: string) => view.vehicleGroups.filter((group: { type: string; station: string }) => group.type === "ambulance" && group.station === station).reduce((sum: number, group: { count: number }) => sum + group.count, 0);
    for (const site of result.sites.filter((candidate: { kind: string }) => candidate.kind === "station")) expect(ambulancesAt(site.id), site.id).toBe(site.vehicles[plan.id]);
  }, 300_000);

  it("answers 404 for an optimisation that does not exist, and 404 for another kind's job under its path", async () => {
    for (const url of ["/api/optimisations/nope", "/api/optimisations/nope/results", "/api/optimisations/nope/events"]) {
      expect((await inject({ method: "GET", url })).statusCode, url).toBe(404);
    }
    const run = await inject({ method: "POST", url: "/api/runs", payload: { scenarioId: "demo", replications: 1 } });
    expect((await inject({ method: "GET", url: `/api/optimisations/${run.json().id}` })).statusCode).toBe(404);
    await inject({ method: "DELETE", url: `/api/runs/${run.json().id}` });
  });
});
