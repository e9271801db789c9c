# Build and test tooling of the sinch.numbers collection. `make` lists the targets.
#
# Everything runs from .venv (made by `make venv` from tests/requirements-dev.txt) against a copy
# of the working tree at .build/ansible_collections/sinch/numbers (made by `make build`), since
# ansible-test needs the collection at such a path. Results and logs land in tests/output/.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT := $(CURDIR)
comma := ,
BASE_PYTHON ?= python3
PYTHON_VERSION := 3.11
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
BUILD := $(ROOT)/.build
COLLECTION := $(BUILD)/ansible_collections/sinch/numbers
DIST := $(BUILD)/dist
INSTALLED := $(BUILD)/collections
OUTPUT := $(ROOT)/tests/output
# A throwaway home for integration runs: ansible-test passes HOME (not XDG_CACHE_HOME) through
# to the playbooks, so the collection's session cache (~/.cache/sinch.numbers) stays in here.
INTEGRATION_HOME := $(BUILD)/integration-home
SIMULATOR_PORT ?= 8780
# Extra arguments, e.g. make integration INTEGRATION_ARGS='-v sinch_number_info'
SANITY_ARGS ?=
UNITS_ARGS ?=
INTEGRATION_ARGS ?=
DEMO_ARGS ?=
# pytest-xdist workers for `make units`: serial is faster while the suite runs in seconds.
export UNITS_WORKERS ?= 0

# The venv's tools first on PATH; `python3.11` there is the venv's, which ansible-test picks.
export PATH := $(VENV)/bin:$(PATH)
# Interpreter discovery on these machines finds a pyenv shim for a Python that is not installed.
export ANSIBLE_PYTHON_INTERPRETER := $(PY)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

STAGES := sanity units integration conformance lint importer docs-lint changelog-lint ee docs

.PHONY: help venv build test demo bench simulator clean $(STAGES)

help: ## List the targets
	@echo 'sinch.numbers: make TARGET'
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  %-15s %s\n", $$1, $$2 }'

venv: $(STAMP) ## Create .venv and install tests/requirements-dev.txt (again only when it changes)
	@:

$(STAMP): tests/requirements-dev.txt requirements.txt docs/requirements.txt
	@if ! "$(PY)" -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(comma),$(PYTHON_VERSION))))' 2>/dev/null; then \
		echo "venv: creating $(VENV) with $(BASE_PYTHON)"; \
		rm -rf "$(VENV)"; \
		"$(BASE_PYTHON)" -m venv "$(VENV)"; \
	fi
	@echo "venv: installing tests/requirements-dev.txt (log: .venv/pip-install.log)"
	@"$(PY)" -m pip install -r tests/requirements-dev.txt > "$(VENV)/pip-install.log" 2>&1 \
		|| { grep -v 'is ignored: it is neither' "$(VENV)/pip-install.log" | tail -30; exit 1; }
	@touch "$@"

build: venv ## Copy the collection to .build/ansible_collections/sinch/numbers, build .build/dist/*.tar.gz, install it to .build/collections
	@rm -rf "$(BUILD)/ansible_collections" "$(DIST)" "$(INSTALLED)"
	@"$(PY)" tools/build_tree.py "$(ROOT)" "$(COLLECTION)"
	@cd "$(COLLECTION)" && ansible-galaxy collection build --force --output-path "$(DIST)"
	@ANSIBLE_COLLECTIONS_PATH="$(INSTALLED)" ansible-galaxy collection install --offline --force \
		-p "$(INSTALLED)" "$(DIST)"/sinch-numbers-*.tar.gz

sanity: build ## ansible-test sanity, every test, Python 3.11 (offline pip bootstrap)
	@command -v shellcheck >/dev/null || echo "sanity: WARNING: shellcheck is not installed, ansible-test skips that test (apt-get install shellcheck)"
	@"$(PY)" tools/ansible_test_bootstrap.py --python $(PYTHON_VERSION)
	@cd "$(COLLECTION)" && ansible-test sanity --python $(PYTHON_VERSION) $(SANITY_ARGS)

units: build ## pytest over tests/unit with ansible-test's collection loader (UNITS_WORKERS=auto for xdist)
	@"$(PY)" tools/run_units.py "$(COLLECTION)" $(UNITS_ARGS)

integration: build ## ansible-test integration --local against a fresh simulator
	@cd "$(COLLECTION)"; \
	if [ -z "$$(ls -A tests/integration/targets 2>/dev/null)" ]; then \
		echo "integration: no tests/integration/targets yet: nothing to run"; exit 0; \
	fi; \
	targets=$$(ansible-test integration --list-targets 2>/dev/null) \
		|| { echo "integration: ansible-test cannot list the targets:"; ansible-test integration --list-targets; exit 1; }; \
	if [ -z "$$targets" ]; then \
		echo "integration: no integration targets yet: nothing to run"; exit 0; \
	fi; \
	echo "integration: targets:" $$targets; \
	rm -rf "$(INTEGRATION_HOME)" && mkdir -p "$(INTEGRATION_HOME)/.cache"; \
	HOME="$(INTEGRATION_HOME)" XDG_CACHE_HOME="$(INTEGRATION_HOME)/.cache" \
	"$(PY)" "$(ROOT)/tools/with_simulator.py" --log "$(OUTPUT)/simulator-integration.log" \
		--config-out "$(COLLECTION)/tests/integration/integration_config.yml" -- \
		ansible-test integration --local --python $(PYTHON_VERSION) --continue-on-error $(INTEGRATION_ARGS)

conformance: venv ## Sinch's Python SDK (sinch, pinned in tests/requirements-dev.txt) drives a fresh simulator: every Numbers API call must parse
	@"$(PY)" tools/with_simulator.py --log "$(OUTPUT)/simulator-conformance.log" -- \
		"$(PY)" -m pytest -q -p no:cacheprovider tests/conformance

lint: build ## ansible-lint, production profile, on the built collection
	@# ansible-lint's syntax checks resolve sinch.numbers.* (and its action groups) from this tree.
	@[ -t 1 ] || export NO_COLOR=1; \
	cd "$(COLLECTION)" && ANSIBLE_COLLECTIONS_PATH="$(BUILD)" ansible-lint --profile production -c .ansible-lint

importer: build ## galaxy-importer on the built artifact, offline; fails on any ERROR
	@PYTHON="$(PY)" tools/run_importer.sh "$$(ls "$(DIST)"/sinch-numbers-*.tar.gz)" "$(BUILD)/importer"

docs-lint: build ## antsibull-docs lint-collection-docs --plugin-docs on the built collection
	@antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs=self "$(COLLECTION)"

changelog-lint: build ## antsibull-changelog lint
	@cd "$(COLLECTION)" && antsibull-changelog lint

ee: build ## ansible-builder create (plus its galaxy and introspect steps, offline) on tests/ee with the built artifact
	@tools/check_ee.sh "$(BUILD)/ee" "$$(ls "$(DIST)"/sinch-numbers-*.tar.gz)"

docs: build ## Build the docs site (module/plugin reference and user guide) to .build/docs/html, offline; fails on any Sphinx warning
	@"$(PY)" tools/build_docs.py "$(INSTALLED)" "$(BUILD)/docs"

test: ## venv, build, then every stage above; a summary with durations; fails if any stage fails
	@MAKE="$(MAKE)" tools/run_stages.sh venv build -- $(STAGES)

bench: build ## Request counts and timings against the simulator: a markdown table, also written to docs/benchmarks.md
	@ANSIBLE_COLLECTIONS_PATH="$(INSTALLED)" "$(PY)" tools/with_simulator.py --log "$(OUTPUT)/simulator-bench.log" -- \
		"$(PY)" tests/bench/run_bench.py --out docs/benchmarks.md

demo: build ## Run docs/demo/demo.yml against a fresh simulator, with the built collection installed
	@test -f docs/demo/demo.yml || { echo "demo: docs/demo/demo.yml is missing"; exit 1; }
	@rm -rf "$(BUILD)/demo-home" && mkdir -p "$(BUILD)/demo-home/.cache"
	@ANSIBLE_COLLECTIONS_PATH="$(INSTALLED)" XDG_CACHE_HOME="$(BUILD)/demo-home/.cache" \
	"$(PY)" tools/with_simulator.py --log "$(OUTPUT)/simulator-demo.log" -- \
		ansible-playbook -i docs/demo/inventory.ini docs/demo/demo.yml $(DEMO_ARGS)

simulator: venv ## Start the simulator in the foreground on SIMULATOR_PORT (default 8780); Ctrl-C stops it
	@PYTHONPATH="$(ROOT)/tests/simulator" "$(PY)" -m sinch_simulator --port $(SIMULATOR_PORT)

clean: ## Remove .build and tests/output (keeps .venv; rm -rf .venv to start over)
	rm -rf "$(BUILD)" "$(OUTPUT)"
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
