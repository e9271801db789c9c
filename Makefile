# Build and test tooling of the sinch.numbers collection. `make` lists the targets.
#
# Everything runs from .venv (made by `make venv` from tests/requirements-dev.txt) against a copy
# of the working tree at .build/ansible_collections/sinch/numbers (made by `make build`), since
# ansible-test needs the collection at such a path. Results and logs land in tests/output/.
#
# Every ansible-core the collection claims is tested: .venv has 2.19 (and the tools); the oldest
# claimed (2.16) and the newest on PyPI (2.21, Python 3.12+) have venvs of their own,
# .venv-<version> from tests/requirements-<version>.txt, used by the stages named <stage>-<version>
# (sanity-2.21, units-2.16, integration-2.21, ...). The Python 3.13 for 2.21 is built once per
# machine from Debian's source package by tools/build_python.sh into ~/.cache/sinch-numbers.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT := $(CURDIR)
# The Python of .venv and .venv-2.16 (the pins are measured on 3.11).
BASE_PYTHON ?= python3
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
BUILD := $(ROOT)/.build
COLLECTION := $(BUILD)/ansible_collections/sinch/numbers
DIST := $(BUILD)/dist
INSTALLED := $(BUILD)/collections
OUTPUT := $(ROOT)/tests/output
SIMULATOR_PORT ?= 8780
# Extra arguments, e.g. make integration INTEGRATION_ARGS='-v sinch_number_info'
SANITY_ARGS ?=
UNITS_ARGS ?=
INTEGRATION_ARGS ?=
DEMO_ARGS ?=
# Integration targets run this many at once (default: one per CPU), each against its own simulator
# (tools/run_integration.py).
INTEGRATION_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# The ansible-core versions tested besides .venv's, and the Python each venv is made with
# (a shell expression: the 3.13 build runs only when a venv needs it).
OLDEST_CORE := 2.16
NEWEST_CORE := 2.21
PYTHON_FOR_2.16 = $(BASE_PYTHON)
PYTHON_FOR_2.21 = "$$(tools/build_python.sh)"
CORE_VENV = $(ROOT)/.venv-$(1)
# pytest-xdist workers for `make units`: serial is faster while the suite runs in seconds.
export UNITS_WORKERS ?= 0

# The venv's tools first on PATH; `python3.11` there is the venv's, which ansible-test picks.
export PATH := $(VENV)/bin:$(PATH)
# Interpreter discovery on these machines finds a pyenv shim for a Python that is not installed.
export ANSIBLE_PYTHON_INTERPRETER := $(PY)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Integration runs on the oldest claimed ansible-core and on .venv's (2.19); on the newest (2.21) it is
# `make integration-$(NEWEST_CORE)`, left out of `make test` to keep it within 25 minutes on two cores.
STAGES := sanity units units-$(OLDEST_CORE) units-$(NEWEST_CORE) \
	integration integration-$(OLDEST_CORE) \
	conformance awx-job lint importer docs-lint changelog-lint ee docs
# Made before the stages by `make test` (and not again for each stage).
PREREQUISITES := venv venv-$(OLDEST_CORE) venv-$(NEWEST_CORE) build

.PHONY: help venv build test demo bench simulator clean $(filter-out %-$(OLDEST_CORE) %-$(NEWEST_CORE),$(STAGES))
# The venvs' stamps are made by a pattern rule: keep them.
.PRECIOUS: $(ROOT)/.venv-%/.requirements-installed

help: ## List the targets
	@echo 'sinch.numbers: make TARGET'
	@grep -E '^[a-z%-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  %-15s %s\n", $$1, $$2 }'

venv: $(STAMP) ## Create .venv and install tests/requirements-dev.txt (again only when it changes)
	@:

$(STAMP): tests/requirements-dev.txt tests/requirements-test.txt requirements.txt docs/requirements.txt
	@tools/make_venv.sh "$(VENV)" "$(BASE_PYTHON)" tests/requirements-dev.txt
	@touch "$@"

venv-%: $(ROOT)/.venv-%/.requirements-installed ## venv-2.16, venv-2.21: .venv-<version> with that ansible-core (2.21: builds Python 3.13 once)
	@:

$(ROOT)/.venv-%/.requirements-installed: tests/requirements-%.txt tests/requirements-test.txt requirements.txt
	@tools/make_venv.sh "$(call CORE_VENV,$*)" $(PYTHON_FOR_$*) tests/requirements-$*.txt
	@touch "$@"

build: venv ## Copy the collection to .build/ansible_collections/sinch/numbers, build .build/dist/*.tar.gz, install it to .build/collections
	@rm -rf "$(BUILD)/ansible_collections" "$(DIST)" "$(INSTALLED)"
	@"$(PY)" tools/build_tree.py "$(ROOT)" "$(COLLECTION)"
	@cd "$(COLLECTION)" && ansible-galaxy collection build --force --output-path "$(DIST)"
	@ANSIBLE_COLLECTIONS_PATH="$(INSTALLED)" ansible-galaxy collection install --offline --force \
		-p "$(INSTALLED)" "$(DIST)"/sinch-numbers-*.tar.gz

sanity: sanity-$(NEWEST_CORE) ## ansible-test sanity, every test, on the newest ansible-core (offline pip bootstrap)

sanity-%: build venv-% ## sanity-2.16, sanity-2.21: ansible-test sanity with that venv's ansible-core and Python
	@command -v shellcheck >/dev/null || echo "sanity: WARNING: shellcheck is not installed, ansible-test skips that test (apt-get install shellcheck)"
	@export PATH="$(call CORE_VENV,$*)/bin:$$PATH"; \
	python=$$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	python tools/ansible_test_bootstrap.py --python $$python; \
	cd "$(COLLECTION)" && ansible-test sanity --python $$python $(SANITY_ARGS)

units: build ## pytest over tests/unit with ansible-test's collection loader (UNITS_WORKERS=auto for xdist)
	@"$(PY)" tools/run_units.py "$(COLLECTION)" $(UNITS_ARGS)

units-%: build venv-% ## units-2.16, units-2.21: the unit tests with that venv's ansible-core
	@PATH="$(call CORE_VENV,$*)/bin:$$PATH" "$(call CORE_VENV,$*)/bin/python" tools/run_units.py "$(COLLECTION)" $(UNITS_ARGS)

integration: build ## ansible-test integration --local, INTEGRATION_JOBS targets at once, each against a fresh simulator
	@"$(PY)" tools/run_integration.py --collection "$(COLLECTION)" --work "$(BUILD)/integration" \
		--jobs $(INTEGRATION_JOBS) -- $(INTEGRATION_ARGS)

integration-%: build venv-% ## integration-2.16, integration-2.21: the integration targets with that venv's ansible-core
	@"$(call CORE_VENV,$*)/bin/python" tools/run_integration.py --collection "$(COLLECTION)" \
		--work "$(BUILD)/integration-$*" --jobs $(INTEGRATION_JOBS) -- $(INTEGRATION_ARGS)

awx-job: build ## An inventory update and a job run as AWX runs them (ansible-runner, the credential type's injectors), then scanned for secrets
	@"$(PY)" tools/with_simulator.py --log "$(OUTPUT)/simulator-awx-job.log" -- \
		"$(PY)" tools/awx_job.py --tarball "$$(ls "$(DIST)"/sinch-numbers-*.tar.gz)" --work "$(BUILD)/awx-job"

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
	@MAKE="$(MAKE)" tools/run_stages.sh $(PREREQUISITES) -- $(STAGES)

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

clean: ## Remove .build and tests/output (keeps the venvs and the built Python; rm -rf .venv* to start over)
	rm -rf "$(BUILD)" "$(OUTPUT)"
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
