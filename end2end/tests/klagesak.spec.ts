// The user journeys of the complaint register, in headless Chromium.
import { test, expect } from "@playwright/test";
import { dagerSiden, fyllUtKlage, samleFeil, sjekkTilgjengelighet, ventPaaHydrering } from "./hjelpere";

const LYSBILDET =
  "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet.";

test("the page hydrates: the character counter counts as you type, with no errors", async ({ page }) => {
  const feil = samleFeil(page);
  await page.goto("/saker/ny");
  await ventPaaHydrering(page);
  await expect(page.locator("#sammendrag-teller")).toHaveText("0 / 4000 tegn");
  await page.fill("#sammendrag", "Tolv tegn her");
  await expect(page.locator("#sammendrag-teller")).toHaveText("13 / 4000 tegn");
  expect(feil).toEqual([]);
});

test("a complaint is registered, forwarded, decided and counted in the overview", async ({ page }) => {
  const feil = samleFeil(page);
  const idag = dagerSiden(0);
  const statistikkUrl = `/api/v1/statistikk?fra=${idag}&til=${idag}`;
  const foer = await (await page.request.get(statistikkUrl)).json();

  await page.goto("/saker/ny");
  await ventPaaHydrering(page);
  await fyllUtKlage(page, "Foreldrene har søkt om individuell plan og fått avslag.");
  await page.getByRole("button", { name: "Registrer klagen" }).click();
  await expect(page).toHaveURL(/\/saker\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ikke hos Statsforvalteren ennå");
  await expect(page.locator("dl.opplysninger").first()).toContainText("Forberedende behandling");

  // The municipality forwards it with its statement.
  await page.selectOption("#handling", "oversend");
  await page.fill("#notat", "Kommunen fastholder vedtaket; barnet har ikke behov for langvarige tjenester.");
  await page.getByRole("button", { name: "Utfør" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Sak \d{4}\/\d+/);
  await expect(page.locator("dl.opplysninger").first()).toContainText("Under vurdering");

  // The governor decides: upheld.
  await page.selectOption("#handling", "avgjoer:stadfestet");
  await page.fill("#notat", "Kommunens vurdering er forsvarlig.");
  await page.getByRole("button", { name: "Utfør" }).click();
  await expect(page.locator("dl.opplysninger").first()).toContainText("Stadfestet");
  await expect(page.getByText("Saken er avsluttet.")).toBeVisible();
  await expect(page.locator("table.ds-table tbody tr")).toHaveCount(3);

  await page.goto(`/statistikk?fra=${idag}&til=${idag}`);
  await expect(page.getByTestId("totalt")).toHaveText(String(foer.totalt + 1));
  await expect(page.getByTestId("utfall-stadfestet")).toHaveText(String(foer.utfall.stadfestet + 1));
  expect(feil).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form shows each error next to its field, keeps what was typed, then registers", async ({ page }) => {
    await page.goto("/saker/ny");
    await page.fill("#navn", "Uten Skriptsen");
    await page.fill("#sammendrag", "Planarbeidet har stått stille i et halvt år.");
    await page.getByRole("button", { name: "Registrer klagen" }).click();
    await expect(page).toHaveURL(/\/saker\/ny$/);
    await expect(page.locator("#feiloppsummering")).toBeVisible();
    await expect(page.locator("#kommune-feil")).toHaveText("Fyll ut feltet.");
    await expect(page.locator("#kategori-feil")).toHaveText("Velg minst ett alternativ.");
    await expect(page.locator("#kommune")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#navn")).toHaveValue("Uten Skriptsen");
    await expect(page.locator("#sammendrag")).toHaveValue("Planarbeidet har stått stille i et halvt år.");

    await page.selectOption("#kommune", "0301");
    await page.check("#mottaker-statsforvalteren");
    await page.fill("#mottatt_dato", dagerSiden(3));
    await page.selectOption("#klager", "pasient_bruker");
    await page.selectOption("#aldersgruppe", "voksen");
    await page.check("#rettighet-ip");
    await page.check("#kategori-planarbeid_drar_ut");
    await page.getByRole("button", { name: "Registrer klagen" }).click();
    await expect(page).toHaveURL(/\/saker\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Sak \d{4}\/\d+/);
    await expect(page.locator("dl.opplysninger").first()).toContainText("Mottatt hos Statsforvalteren");
    await expect(page.getByText("Løper ikke")).toBeVisible();
  });
});

test("the demo overview for the slide period shows 27 / 8 of 10 / 15 / 9 / 3", async ({ page }) => {
  await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19");
  await expect(page.locator("#oppsummering")).toHaveText(LYSBILDET);
  await expect(page.getByTestId("totalt")).toHaveText("27");
  await expect(page.getByTestId("statsforvaltere")).toHaveText("8 av 10");
  await expect(page.getByTestId("utfall-stadfestet")).toHaveText("15");
  await expect(page.getByTestId("utfall-endret")).toHaveText("9");
  await expect(page.getByTestId("utfall-opphevet")).toHaveText("3");
});

test("the language switch is remembered and sets lang on the page", async ({ page }) => {
  await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19");
  await page.getByRole("link", { name: "Nynorsk" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expect(page.locator("#oppsummering")).toContainText("8 av 10 statsforvaltarar har behandla klagene.");
  await page.goto("/saker/ny");
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expect(page.getByText("Kvar kom klaga inn?")).toBeVisible();
  await page.getByRole("link", { name: "Bokmål" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
});

test("the case list filters and searches on case number", async ({ page }) => {
  await page.goto("/saker");
  await page.selectOption("#filter-statsforvalter", "rogaland");
  await page.selectOption("#filter-status", "avgjort");
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/statsforvalter=rogaland/);
  const forste = page.locator("table.saksliste tbody tr").first();
  await expect(forste).toContainText("Avgjort");
  const saksnummer = (await forste.locator("td").first().innerText()).trim();
  await page.fill("#filter-saksnummer", saksnummer);
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page.locator("table.saksliste tbody tr").first()).toContainText(saksnummer);
  await forste.locator("a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(saksnummer);
});

test("every page passes the WCAG 2.1 A/AA checks of axe-core, in both languages", async ({ page, context }) => {
  const liste = await page.request.get("/saker");
  expect(liste.ok()).toBeTruthy();
  await page.goto("/saker?status=under_vurdering");
  const sakslenke = await page.locator("table.saksliste tbody a").first().getAttribute("href");
  const sider = ["/", "/saker", "/saker/ny", sakslenke!, "/statistikk", "/statistikk?fra=2020-01-01&til=2023-09-19", "/finnes-ikke"];
  for (const sprak of ["nb", "nn"]) {
    await context.addCookies([{ name: "sprak", value: sprak, url: "http://127.0.0.1:3100" }]);
    for (const sti of sider) {
      await page.goto(sti);
      await expect(page.locator("html")).toHaveAttribute("lang", sprak);
      await sjekkTilgjengelighet(page, `${sti} (${sprak})`);
    }
    // The form as it comes back with errors, and a case page with a refused step.
    await page.goto("/saker/ny");
    await page.getByRole("button").last().click();
    await expect(page.locator("#feiloppsummering")).toBeVisible();
    await sjekkTilgjengelighet(page, `/saker/ny with errors (${sprak})`);
    await page.goto(sakslenke!);
    await page.selectOption("#handling", "trekk");
    await page.fill("#dato", "2000-01-01");
    await page.getByRole("button", { name: "Utfør" }).click();
    await expect(page.locator("#dato-feil")).toBeVisible();
    await sjekkTilgjengelighet(page, `case page with a refused step (${sprak})`);
  }
});
