import { defineConfig } from "@playwright/test";
import { IDAG } from "./tests/idag";

// Headless Debian Chromium: Playwright cannot download its own browser on these machines.
// The server is the release build, started on its own port against the database `make e2e`
// filled with the demo data, on the fixed day of tests/idag.ts (never the calendar's).
const PORT = 3100;

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "nb-NO",
    trace: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "./target/release/klagesak serve",
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.DATABASE_URL ?? "sqlite:target/e2e/klagesak.db",
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_ENV: "PROD",
      RUST_LOG: "warn",
      KLAGESAK_IDAG: IDAG,
      // The suite asks for statistics more often than a person would; the limit has its own tests.
      KLAGESAK_STATISTIKK_STOET: "1000",
    },
  },
});
