// The day the browser tests run on, whatever the calendar says: the server behind Playwright
// gets it as KLAGESAK_IDAG (playwright.config.ts), `make e2e` loads the demo data with it, and
// every date a test types is counted from it (hjelpere.ts). Keep it after the demo data's
// reference day (2026-10-31).
export const IDAG = "2026-11-23";
