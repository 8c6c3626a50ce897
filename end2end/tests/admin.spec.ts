// The administrator's page: create a user, see it listed, deactivate it, with an axe check.
import { test, expect } from "@playwright/test";
import { DEMO, loggInn, samleFeil, sjekkTilgjengelighet } from "./hjelpere";

test("the administrator creates a user and deactivates it", async ({ page }) => {
  const feil = samleFeil(page);
  const epost = `e2e.${Math.random().toString(36).slice(2, 10)}@molde.kommune.no`;
  await loggInn(page, DEMO.admin, "/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brukere og tilgang");
  await sjekkTilgjengelighet(page, "the administrator's page");

  await page.fill("#bruker-epost", epost);
  await page.fill("#bruker-navn", "Edel Ende-til-ende");
  await page.selectOption("#bruker-organisasjon", "1506");
  await page.check("#bruker-rolle-kommune");
  await page.fill("#bruker-passord", "et langt startpassord");
  await page.getByRole("button", { name: "Opprett bruker" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const rad = page.locator(`tr[data-epost="${epost}"]`);
  await expect(rad).toContainText("Aktiv");
  await expect(rad).toContainText("kommune");

  await rad.getByRole("button", { name: `Deaktiver ${epost}` }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.locator(`tr[data-epost="${epost}"]`)).toContainText("Deaktivert");
  await sjekkTilgjengelighet(page, "the administrator's page after a change");
  expect(feil).toEqual([]);
});

test("a case officer does not get the administrator's page", async ({ page }) => {
  await loggInn(page, DEMO.saksbehandler);
  const svar = await page.goto("/admin");
  expect(svar?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden finnes ikke");
});
