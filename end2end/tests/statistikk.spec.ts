// The statistics dashboard: filters in the URL, a shared URL gives the same view, both exports
// read back, and the page without JavaScript.
import { test, expect } from "@playwright/test";
import { samleFeil, sjekkTilgjengelighet, ventPaaHydrering } from "./hjelpere";

test("set filters, share the URL in a new page and see the same view", async ({ page, context }) => {
  const feil = samleFeil(page);
  await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19");
  await ventPaaHydrering(page);
  await page.selectOption("#statsforvalter", ["more-og-romsdal", "vestland"]);
  // With JavaScript the county and municipality lists narrow at once, before the form is sent.
  await expect(page.locator("#fylke option")).toHaveCount(2);
  await page.selectOption("#fylke", ["46"]);
  await expect(page.locator("#kommune option")).toHaveCount(43);
  await expect(page.locator("#kommune option", { hasText: "Bergen" })).toHaveCount(1);
  await expect(page.locator("#kommune option", { hasText: "Molde" })).toHaveCount(0);
  // Deselecting Vestland's office drops its county from the narrowing: Møre og Romsdal's 27
  // municipalities, not none.
  await page.selectOption("#statsforvalter", ["more-og-romsdal"]);
  await expect(page.locator("#kommune option")).toHaveCount(27);
  await page.selectOption("#statsforvalter", ["more-og-romsdal", "vestland"]);
  await page.selectOption("#fylke", []);
  await page.selectOption("#utfall", ["stadfestet"]);
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/statsforvalter=more-og-romsdal&statsforvalter=vestland/);
  await expect(page).toHaveURL(/utfall=stadfestet/);
  const totalt = await page.getByTestId("totalt").textContent();
  const oppsummering = await page.locator("#oppsummering").textContent();

  const ny = await context.newPage();
  await ny.goto(page.url());
  await expect(ny.getByTestId("totalt")).toHaveText(totalt ?? "");
  await expect(ny.locator("#oppsummering")).toHaveText(oppsummering ?? "");
  await expect(ny.locator("#statsforvalter option:checked")).toHaveCount(2);
  await expect(ny.locator(".valgte-filtre")).toContainText("Statsforvalteren i Vestland");
  // The API answers the same selection with the same total.
  const api = await (await ny.request.get(`/api/v1/statistikk${new URL(page.url()).search}`)).json();
  expect(String(api.totalt ?? "under 5")).toBe(totalt);
  await sjekkTilgjengelighet(ny, "the filtered dashboard");
  expect(feil).toEqual([]);
});

test("an outsider gets a municipality's figures for a whole year only, and is told why", async ({ page }) => {
  const feil = samleFeil(page);
  await page.goto("/statistikk?fra=2024-01-01&til=2024-06-30&kommune=1506");
  await expect(page.getByRole("alert")).toContainText("hele kalenderår");
  await page.goto("/statistikk?fra=2024-01-01&til=2024-12-31&kommune=1506");
  await expect(page.getByTestId("totalt")).toBeVisible();
  await sjekkTilgjengelighet(page, "one municipality, one year");
  // Over another period the office's view leaves the counties and municipalities out, and says so.
  await page.goto("/statistikk?fra=2024-01-01&til=2024-06-30&statsforvalter=more-og-romsdal");
  await expect(page.getByTestId("omraader-utelatt")).toBeVisible();
  expect(feil.filter((f) => !f.startsWith("400"))).toEqual([]);
});

test("download both exports and read their contents back", async ({ page }) => {
  await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19&statsforvalter=more-og-romsdal");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("eksport-csv").click()]);
  const sti = await csv.path();
  const fs = await import("node:fs");
  const bytes = fs.readFileSync(sti!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const tekst = bytes.toString("utf8");
  expect(tekst).toContain("Periode;01.01.2020 – 19.09.2023");
  expect(tekst).toContain("Statsforvalter;Statsforvalteren i Møre og Romsdal");

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("eksport-xlsx").click()]);
  const xbytes = fs.readFileSync((await xlsx.path())!);
  // A real workbook is a zip container with the sheet inside, not CSV renamed.
  expect(xbytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(xbytes.includes(Buffer.from("xl/worksheets/sheet1.xml"))).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form filters with a plain GET and the figures are there", async ({ page }) => {
    await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19");
    await expect(page.getByTestId("totalt")).toHaveText("27");
    await page.selectOption("#grunnlag", "mottatt");
    await page.getByRole("button", { name: "Vis" }).click();
    await expect(page).toHaveURL(/grunnlag=mottatt/);
    await expect(page.getByTestId("utfall-under_behandling")).toBeVisible();
    await expect(page.locator("svg[role=img]").first()).toBeVisible();
    await expect(page.locator("#tabell-helsetilsynet")).toBeAttached();
  });
});
