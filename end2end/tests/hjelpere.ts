// Shared helpers for the browser tests: dates, error collection, and the accessibility check.
import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { IDAG } from "./idag";

/** An ISO date `dager` days before the tests' fixed today (the server checks "not in the future"). */
export function dagerSiden(dager: number): string {
  const d = new Date(Date.parse(`${IDAG}T12:00:00Z`) - dager * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

/** Collects page errors and console errors; the test asserts the list is empty at the end. */
export function samleFeil(page: Page): string[] {
  const feil: string[] = [];
  page.on("pageerror", (e) => feil.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().includes("/saker/ny") && !r.url().includes("/steg")) feil.push(`${r.status()}: ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") feil.push(`console: ${m.text()}`);
  });
  return feil;
}

/** Waits until the WebAssembly has hydrated the page (the body gets the marker class). */
export async function ventPaaHydrering(page: Page) {
  await page.waitForFunction(() => document.body.dataset.hydrert === "ja");
}

/** axe-core with the WCAG 2.1 A and AA rules: no violations allowed. */
export async function sjekkTilgjengelighet(page: Page, hva: string) {
  const resultat = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const brudd = resultat.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(brudd, `axe violations on ${hva}`).toEqual([]);
  return resultat.passes.length;
}

/** Fills the registration form with a valid complaint that arrived at the municipality. */
export async function fyllUtKlage(page: Page, sammendrag: string) {
  await page.selectOption("#kommune", "1506");
  await page.check("#mottaker-kommunen");
  await page.fill("#mottatt_dato", dagerSiden(10));
  await page.fill("#vedtaksdato", dagerSiden(20));
  await page.fill("#kjent_dato", dagerSiden(18));
  await page.selectOption("#klager", "forelder");
  await page.selectOption("#aldersgruppe", "barn");
  await page.fill("#navn", "Testbarn Fiktivsen");
  await page.check("#rettighet-ip");
  await page.check("#kategori-ikke_ip");
  await page.fill("#sammendrag", sammendrag);
}

/** The demo users `klagesak demo` creates. */
export const DEMO = {
  saksbehandler: { epost: "saksbehandler@demo.klagesak.no", passord: "demo-saksbehandler-2026" },
  leder: { epost: "leder@demo.klagesak.no", passord: "demo-leder-2026" },
  kommune: { epost: "kommune.molde@demo.klagesak.no", passord: "demo-kommune-2026" },
  direktorat: { epost: "direktorat@demo.klagesak.no", passord: "demo-direktorat-2026" },
  admin: { epost: "admin@demo.klagesak.no", passord: "demo-admin-2026" },
};

/** Logs in through the login form (works with and without JavaScript). */
export async function loggInn(page: Page, bruker: { epost: string; passord: string }, tilbake?: string) {
  await page.goto(tilbake ? `/logg-inn?tilbake=${encodeURIComponent(tilbake)}` : "/logg-inn");
  await page.fill("#epost", bruker.epost);
  await page.fill("#passord", bruker.passord);
  await page.locator("main").getByRole("button", { name: "Logg inn" }).click();
  await expect(page.locator(".brukerboks")).toBeVisible();
}

export async function loggUt(page: Page) {
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page.locator("header").getByRole("link", { name: "Logg inn" })).toBeVisible();
}
