// The user journeys of the complaint register, in headless Chromium.
import { test, expect, Page } from "@playwright/test";
import { DEMO, dagerSiden, fyllUtKlage, loggInn, loggUt, samleFeil, sjekkTilgjengelighet, ventPaaHydrering } from "./hjelpere";

const LYSBILDET =
  "Landsoversikt 01.01.2020 – 19.09.2023: 27 klager totalt – 16 fra 2022/2023. 8 av 10 statsforvaltere har behandlet klagene. 15 ble stadfestet, 9 ble endret og 3 ble opphevet.";

test("the page hydrates: the character counter counts as you type, with no errors", async ({ page }) => {
  const feil = samleFeil(page);
  await loggInn(page, DEMO.kommune);
  await page.goto("/saker/ny");
  await ventPaaHydrering(page);
  await expect(page.locator("#sammendrag-teller")).toHaveText("0 / 4000 tegn");
  await page.fill("#sammendrag", "Tolv tegn her");
  await expect(page.locator("#sammendrag-teller")).toHaveText("13 / 4000 tegn");
  expect(feil).toEqual([]);
});

test("the municipality forwards a complaint, a case officer proposes a decision, a leder approves it, and it is counted", async ({ page }) => {
  const feil = samleFeil(page);
  const idag = dagerSiden(0);
  const statistikkUrl = `/api/v1/statistikk?fra=${idag}&til=${idag}`;
  const foer = await (await page.request.get(statistikkUrl)).json();

  await loggInn(page, DEMO.kommune);
  await page.goto("/saker/ny");
  await ventPaaHydrering(page);
  await fyllUtKlage(page, "Foreldrene har søkt om individuell plan og fått avslag.");
  await page.getByRole("button", { name: "Registrer klagen" }).click();
  await expect(page).toHaveURL(/\/saker\/\d+$/);
  const saksside = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ikke hos Statsforvalteren ennå");
  await expect(page.locator("dl.opplysninger").first()).toContainText("Forberedende behandling");

  // The municipality forwards it with its statement.
  await page.selectOption("#handling", "oversend");
  await page.fill("#notat", "Kommunen fastholder vedtaket; barnet har ikke behov for langvarige tjenester.");
  await page.getByRole("button", { name: "Utfør" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Sak \d{4}\/\d+/);
  await expect(page.locator("dl.opplysninger").first()).toContainText("Under vurdering");
  await expect(page.getByText("Saken ligger nå hos den andre parten.")).toBeVisible();
  await loggUt(page);

  // The governor's case officer assesses and proposes a decision: upheld.
  await loggInn(page, DEMO.saksbehandler, saksside);
  await expect(page).toHaveURL(new RegExp(`${saksside}$`));
  await page.selectOption("#handling", "foreslaa_vedtak:stadfestet");
  await page.fill("#notat", "Kommunens vurdering er forsvarlig.");
  await page.getByRole("button", { name: "Utfør" }).click();
  await expect(page.locator("dl.opplysninger").first()).toContainText("Forslag til vedtak venter på godkjenning: Stadfestet");
  // A case officer cannot send it: approving is not among the steps offered.
  await expect(page.locator("#handling option[value=godkjenn]")).toHaveCount(0);
  await sjekkTilgjengelighet(page, "a proposal awaiting approval");
  await loggUt(page);

  // A leder of the same office approves it, and it is sent.
  await loggInn(page, DEMO.leder, saksside);
  await expect(page).toHaveURL(new RegExp(`${saksside}$`));
  await expect(page.locator("dl.opplysninger").first()).toContainText("Foreslått av");
  await page.selectOption("#handling", "godkjenn");
  await page.getByRole("button", { name: "Utfør" }).click();
  await expect(page.locator("dl.opplysninger").first()).toContainText("Avgjort: Stadfestet");
  await expect(page.getByText("Saken er avsluttet.")).toBeVisible();
  await expect(page.locator("table.ds-table").first().locator("tbody tr")).toHaveCount(4);

  // The leder sees who has looked at the case; one page view in the browser (server render
  // plus hydration) writes exactly one audit row.
  const aapnet = page.locator("table.innsynslogg tbody tr", { hasText: "Åpnet saken" });
  const foerVisning = await aapnet.count();
  await page.reload();
  await ventPaaHydrering(page);
  await expect(aapnet).toHaveCount(foerVisning + 1);
  await expect(page.locator("table.innsynslogg")).toContainText(DEMO.saksbehandler.epost);

  await page.goto(`/statistikk?fra=${idag}&til=${idag}`);
  await expect(page.getByTestId("totalt")).toHaveText(String(foer.totalt + 1));
  await expect(page.getByTestId("utfall-stadfestet")).toHaveText(String(foer.utfall.stadfestet + 1));
  expect(feil).toEqual([]);
});

/** The municipality registers a complaint and forwards it; returns the case page's path. */
async function registrertOgOversendt(page: Page, sammendrag: string): Promise<string> {
  await loggInn(page, DEMO.kommune);
  await page.goto("/saker/ny");
  await fyllUtKlage(page, sammendrag);
  await page.getByRole("button", { name: "Registrer klagen" }).click();
  await expect(page).toHaveURL(/\/saker\/\d+$/);
  const saksside = new URL(page.url()).pathname;
  await utfoer(page, "oversend", "Kommunen fastholder vedtaket.");
  await loggUt(page);
  return saksside;
}

/** Takes one step with the case page's step form. */
async function utfoer(page: Page, handling: string, notat = "") {
  await page.selectOption("#handling", handling);
  if (notat) await page.fill("#notat", notat);
  await page.getByRole("button", { name: "Utfør" }).click();
}

test("a decision set aside goes back to the municipality, which reports its new decision", async ({ page }) => {
  const feil = samleFeil(page);
  const saksside = await registrertOgOversendt(page, "Kommunen har ikke utredet behovet for koordinator.");
  await loggInn(page, DEMO.saksbehandler, saksside);
  await utfoer(page, "foreslaa_vedtak:opphevet", "Saken er ikke godt nok utredet.");
  await loggUt(page);
  await loggInn(page, DEMO.leder, saksside);
  await utfoer(page, "godkjenn");
  await expect(page.locator("dl.opplysninger").first()).toContainText("Avgjort: Opphevet");
  await loggUt(page);

  await loggInn(page, DEMO.kommune, saksside);
  await expect(page.getByRole("heading", { name: "Meld kommunens nye vedtak" })).toBeVisible();
  await sjekkTilgjengelighet(page, "the municipality's new-decision form");
  await page.fill("#nytt-vedtak-notat", "Kommunen har oppnevnt koordinator.");
  await page.getByRole("button", { name: "Meld nytt vedtak" }).click();
  await expect(page.locator("dl.opplysninger").first()).toContainText("Nytt vedtak i kommunen");
  await expect(page.getByRole("heading", { name: "Meld kommunens nye vedtak" })).toHaveCount(0);
  await expect(page.getByText("Nytt vedtak meldt av kommunen")).toBeVisible();
  expect(feil).toEqual([]);
});

test("the directorate sees the statistics and gets 'not found' for a case", async ({ page }) => {
  await loggInn(page, DEMO.direktorat);
  await expect(page).toHaveURL(/\/statistikk$/);
  await page.goto("/statistikk?fra=2020-01-01&til=2023-09-19");
  await expect(page.getByTestId("totalt")).toHaveText("27");
  const svar = await page.goto("/saker/1");
  expect(svar!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden finnes ikke");
  await page.goto("/saker");
  await expect(page.getByText("Ingen saker passer med filteret.")).toBeVisible();
});

test("an anonymous visitor is asked to log in, and comes back to the page afterwards", async ({ page }) => {
  await page.goto("/saker?status=avgjort");
  await expect(page).toHaveURL(/\/logg-inn\?tilbake=/);
  await page.fill("#epost", DEMO.saksbehandler.epost);
  await page.fill("#passord", "feil passord");
  await page.locator("main").getByRole("button", { name: "Logg inn" }).click();
  await expect(page.locator("#innlogging-feil")).toContainText("Feil e-postadresse eller passord.");
  await expect(page.locator("#epost")).toHaveValue(DEMO.saksbehandler.epost);
  await page.fill("#passord", DEMO.saksbehandler.passord);
  await page.locator("main").getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/saker\?status=avgjort$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form shows each error next to its field, keeps what was typed, then registers", async ({ page }) => {
    await loggInn(page, DEMO.saksbehandler);
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

    await page.selectOption("#kommune", "1506");
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
  await page.goto("/logg-inn");
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expect(page.getByText("Saksopplysningane er teiepliktige.")).toBeVisible();
  await page.getByRole("link", { name: "Bokmål" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
});

test("the case list filters and searches on case number", async ({ page }) => {
  await loggInn(page, DEMO.saksbehandler);
  await page.goto("/saker");
  await page.selectOption("#filter-status", "avgjort");
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/status=avgjort/);
  const forste = page.locator("table.saksliste tbody tr").first();
  await expect(forste).toContainText("Avgjort");
  const saksnummer = (await forste.locator("td").first().innerText()).trim();
  await page.fill("#filter-saksnummer", saksnummer);
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page.locator("table.saksliste tbody tr")).toHaveCount(1);
  await page.locator("table.saksliste tbody a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(saksnummer);
});

test("every page passes the WCAG 2.1 A/AA checks of axe-core, in both languages", async ({ page, context }) => {
  test.setTimeout(180_000);
  const offentlige = ["/", "/statistikk", "/statistikk?fra=2020-01-01&til=2023-09-19", "/logg-inn", "/finnes-ikke"];
  for (const sprak of ["nb", "nn"]) {
    await context.addCookies([{ name: "sprak", value: sprak, url: "http://127.0.0.1:3100" }]);
    for (const sti of offentlige) {
      await page.goto(sti);
      await expect(page.locator("html")).toHaveAttribute("lang", sprak);
      await sjekkTilgjengelighet(page, `${sti} (${sprak})`);
    }
    // A refused login.
    await page.goto("/logg-inn");
    await page.fill("#epost", "ingen@demo.klagesak.no");
    await page.fill("#passord", "galt");
    await page.locator("main").locator("button[type=submit]").click();
    await expect(page.locator("#innlogging-feil")).toBeVisible();
    await sjekkTilgjengelighet(page, `/logg-inn refused (${sprak})`);
  }
  // A case of our own at the governor, open, so every step form shows.
  await context.addCookies([{ name: "sprak", value: "nb", url: "http://127.0.0.1:3100" }]);
  await loggInn(page, DEMO.saksbehandler);
  await page.goto("/saker/ny");
  await fyllUtKlage(page, "Klagen kom direkte til Statsforvalteren.");
  await page.check("#mottaker-statsforvalteren");
  await page.getByRole("button", { name: "Registrer klagen" }).click();
  await expect(page).toHaveURL(/\/saker\/\d+$/);
  const sakslenke = new URL(page.url()).pathname;
  for (const sprak of ["nb", "nn"]) {
    await context.addCookies([{ name: "sprak", value: sprak, url: "http://127.0.0.1:3100" }]);
    for (const sti of ["/saker", "/saker/ny", sakslenke!]) {
      await page.goto(sti);
      await expect(page.locator("html")).toHaveAttribute("lang", sprak);
      await sjekkTilgjengelighet(page, `${sti} (${sprak})`);
    }
    // The form as it comes back with errors, and a case page with a refused step.
    await page.goto("/saker/ny");
    await page.locator("main").locator("button[type=submit]").last().click();
    await expect(page.locator("#feiloppsummering")).toBeVisible();
    await sjekkTilgjengelighet(page, `/saker/ny with errors (${sprak})`);
    await page.goto(sakslenke!);
    await page.selectOption("#handling", "trekk");
    await page.fill("#dato", "2000-01-01");
    await page.locator("form.skjema").first().locator("button[type=submit]").click();
    await expect(page.locator("#dato-feil")).toBeVisible();
    await sjekkTilgjengelighet(page, `case page with a refused step (${sprak})`);
  }
});
