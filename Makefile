# The two commands of the README, and the steps they are built from. Every step installs what
# it needs only when it is missing (or the wrong version), so a second run is fast.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

CARGO_LEPTOS_VERSJON := 0.3.10
WASM_BINDGEN_VERSJON = $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print}' Cargo.lock)
ADRESSE ?= 127.0.0.1:3000
E2E_DB := target/e2e/klagesak.db
# The browser tests' fixed day, from the one place Playwright reads it too.
E2E_IDAG = $(shell sed -n 's/^export const IDAG = "\(.*\)";/\1/p' end2end/tests/idag.ts)

.PHONY: run test verktoy rust-verktoy npm-verktoy designsystem chromium e2e-verktoy bygg sjekk enhetstester e2e oidc-testleverandor s3-testtjener

## make run: builds in release mode, migrates the SQLite database, loads the demo data if the
## database is empty, and serves on http://$(ADRESSE).
run: verktoy bygg
	./target/release/klagesak migrate
	./target/release/klagesak demo --hvis-tom
	@echo "Klagesak kjører på http://$(ADRESSE) (Ctrl+C stopper)."
	LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=$(ADRESSE) LEPTOS_ENV=PROD ./target/release/klagesak serve

## make test: unit and integration tests (SQLite, and PostgreSQL when TEST_POSTGRES_URL is
## set), then the Playwright suite in headless Chromium against the release build.
test: verktoy chromium e2e-verktoy oidc-testleverandor s3-testtjener sjekk enhetstester bygg e2e

verktoy: rust-verktoy npm-verktoy designsystem

rust-verktoy:
	rustup target add wasm32-unknown-unknown >/dev/null
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSJON)"; then \
	  echo "Installerer cargo-leptos $(CARGO_LEPTOS_VERSJON) (tar rundt 17 minutter første gang) …"; \
	  cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSJON); \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSJON)"; then \
	  echo "Installerer wasm-bindgen-cli $(WASM_BINDGEN_VERSJON) …"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSJON); \
	fi

# Designsystemet's CSS and npm's binaryen (wasm-opt): Debian's wasm-opt breaks hydration.
npm-verktoy:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; \
	fi

designsystem: npm-verktoy
	mkdir -p public/ds
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css public/ds/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css public/ds/tema.css

chromium:
	@command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

e2e-verktoy:
	@if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
	  (cd end2end && npm ci --no-audit --no-fund); \
	fi

# The OpenID Connect provider (npm's oidc-provider) that tests/integrasjon/oidc.rs logs in against.
oidc-testleverandor:
	@if [ ! -f tests/oidc-provider/node_modules/.package-lock.json ] || [ tests/oidc-provider/package-lock.json -nt tests/oidc-provider/node_modules/.package-lock.json ]; then \
	  (cd tests/oidc-provider && npm ci --no-audit --no-fund); \
	fi

# The S3-compatible server (PyPI's moto, in server mode) that tests/integrasjon/dokumenter.rs
# stores documents in on loopback.
s3-testtjener:
	@command -v moto_server >/dev/null 2>&1 || python3 -m pip install --quiet 'moto[server]'

# Hashed names for the JS, WASM and CSS (hash-files in Cargo.toml; the hash file lands in
# target/release/hash.txt), and a brotli and a gzip copy of every file in target/site. The site
# root is emptied and made again by every build, so nothing stale is left behind. cargo-leptos's
# brotli is quality 11; its gzip is weaker than gzip -9 (the .wasm 17 % larger), so the gzip
# copies are made again with gzip -9.
bygg: verktoy
	cargo leptos build --release --precompress
	find target/site -type f ! -name '*.br' ! -name '*.gz' -exec gzip -9 -k -f -n {} +
	@test -f target/release/hash.txt || (echo "target/release/hash.txt mangler: hash-files er ikke på" && exit 1)
	@test -n "$$(find target/site -name '*.wasm.br' -print -quit)" || (echo "ingen brotli-kopier i target/site" && exit 1)

# The gates: one format (rustfmt.toml), and no clippy warning in the server build (with the
# tests and benchmarks) or in the browser build.
sjekk:
	cargo fmt --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

enhetstester:
	@if [ -z "$${TEST_POSTGRES_URL:-}" ]; then echo "TEST_POSTGRES_URL er ikke satt: PostgreSQL-halvdelen av integrasjonstestene hoppes over."; fi
	cargo test --features ssr -- --test-threads=1 --show-output

# The browser tests run against a fresh database with the demo data, on its own port.
e2e:
	rm -f $(E2E_DB) $(E2E_DB)-wal $(E2E_DB)-shm
	mkdir -p target/e2e
	DATABASE_URL=sqlite:$(E2E_DB) KLAGESAK_IDAG=$(E2E_IDAG) ./target/release/klagesak demo
	cd end2end && DATABASE_URL=sqlite:$(E2E_DB) npx playwright test

## make bench: the statistics benchmark (not part of `make test`): 10,000 and 1,000,000
## complaints from the demo generator on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is
## set; prints p50/p95 per query kind and size with the ratio. BENCH_STORRELSER and
## BENCH_RUNDER change the sizes and the number of timed rounds.
.PHONY: bench
bench:
	cargo bench --features ssr --bench statistikk
