#!/usr/bin/env bash
# The legacy API as Sinch's material describes it in its other forms (sinch-api/README.md "Caution",
# modern-apis.md Conflicts 1), played by the simulator (PUT /_sim/legacy_variants):
# 1. Signatures verify only over the resource path without its leading slash: a new instance's first signed call is
#    refused once (40102), sent again in the other form, and the form is kept with the cached session; later tasks
#    and later runs sign that way at once. One log-in, one extra request; -vvv says which form, quieter runs do not.
# 2. GET /v1/organisations answers an array: the organisation is read from it, once.
# 3. Both roles under these variants: application_numbers (rents, assigns, an idempotent re-run) under each, and
#    number_report (portal source) under the bare signature form, with complete results.
# Each part starts with its own empty session cache, since a cached session would skip what is tested.
set -eux -o pipefail

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
run() { ansible-playbook -e "@../../integration_config.yml" "$@"; }
# (a part that ansible-core 2.16 does not wrap across lines when it prints the warning)
NOTE='Legacy signature: Sinch refused the signature'

# 1. Signature form: bare only.
export XDG_CACHE_HOME="${WORK}/cache-1"
run variant.yml -e '{"variants": {"signature_form": "bare"}}'
run -vvv use.yml 2>&1 | tee "${WORK}/first.log"
grep -F "${NOTE}" "${WORK}/first.log"
run check.yml -e '{"expect": {"login": 1, "get_organisations": 2, "list_numbers": 2, "refused": 1}}'
run use.yml -vvv 2>&1 | tee "${WORK}/second.log"
if grep -F "${NOTE}" "${WORK}/second.log"; then exit 1; fi
run check.yml -e '{"expect": {"login": 1, "get_organisations": 2, "list_numbers": 4, "refused": 1}}'

# The same without -vvv: the fallback happens (a new cache), and says nothing.
export XDG_CACHE_HOME="${WORK}/cache-2"
run use.yml 2>&1 | tee "${WORK}/quiet.log"
if grep -F "Legacy signature" "${WORK}/quiet.log"; then exit 1; fi
run check.yml -e '{"expect": {"login": 2, "get_organisations": 4, "list_numbers": 6, "refused": 2}}'

# Both forms accepted: the slash form (the SDKs') is used, with no extra request.
export XDG_CACHE_HOME="${WORK}/cache-3"
run variant.yml -e '{"variants": {"signature_form": "both"}}'
run use.yml
run check.yml -e '{"expect": {"login": 1, "get_organisations": 1, "list_numbers": 2, "refused": 0}}'

# 2. Organisations as an array.
export XDG_CACHE_HOME="${WORK}/cache-4"
run variant.yml -e '{"variants": {"organisations": "array"}}'
run use.yml
run use.yml
run check.yml -e '{"expect": {"login": 1, "get_organisations": 1, "list_numbers": 4, "refused": 0}}'

# 3. The roles. application_numbers under each variant (two applications without numbers, so it rents).
SOME_APPS='"reset": {"extra_applications": 2}'
export XDG_CACHE_HOME="${WORK}/cache-5"
run variant.yml -e "{${SOME_APPS}, \"variants\": {\"signature_form\": \"bare\"}}"
run roles.yml -e '{"refused": 1}'

export XDG_CACHE_HOME="${WORK}/cache-6"
run variant.yml -e "{${SOME_APPS}, \"variants\": {\"organisations\": \"array\"}}"
run roles.yml -e '{"refused": 0}'

# number_report, portal source, under the bare signature form.
export XDG_CACHE_HOME="${WORK}/cache-7"
run variant.yml -e '{"variants": {"signature_form": "bare"}}'
run report.yml -e "{\"refused\": 1, \"dest\": \"${WORK}/report\"}"

# Leave the simulator as the fixture says, with the default variants.
run variant.yml -e '{"reset": {"extra_applications": 0}, "variants": {}}'
