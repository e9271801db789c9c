#!/usr/bin/env bash
# No Voice application secret, callback HMAC secret or key secret in -vvv output, diffs, warnings, logs or results of
# the modules added for the Voice API and the Numbers API's callback configuration and emergency addresses: the
# playbook runs each (changes, re-runs, check mode, wrong secrets) with the secrets as arguments and then from SINCH_*
# variables; every file it writes is searched for each secret and for the Basic header that would carry one.
# No "set -x": it would print the secrets below into the CI log.
set -eu

PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
WORK_DIR="$(mktemp -d)"
trap 'rm -rf "${WORK_DIR}"' EXIT
OUT="${WORK_DIR}/out"
mkdir -p "${OUT}" "${WORK_DIR}/home" "${WORK_DIR}/xdg" "${WORK_DIR}/tmp"

config() {
    "${PYTHON}" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]])' "${CONFIG}" "$1"
}
SIM_URL="$(config sinch_simulator_url)"
APP_KEY="$(config sinch_application_key)"
APP_SECRET="$(config sinch_application_secret)"
KEY_SECRET="$(config sinch_key_secret)"
WRONG_APP_SECRET="V3JvbmdBcHBTZWNyZXQ="
FIXTURE_HMAC="0default-pass-word-*max-36characters"
NEW_HMAC="Voice-Secrets-Rotation-aB3dE5fG7hJ9kL1mN3"
ENV_HMAC="Voice-Secrets-From-Env-zY8xW6vU4tS2rQ0pO9"
BASIC="$(printf '%s:%s' "${APP_KEY}" "${APP_SECRET}" | base64 | tr -d '\n')"

export HOME="${WORK_DIR}/home" XDG_CACHE_HOME="${WORK_DIR}/xdg" TMPDIR="${WORK_DIR}/tmp"
export ANSIBLE_LOG_PATH="${OUT}/ansible.log" ANSIBLE_DIFF_ALWAYS=true ANSIBLE_NOCOLOR=true
unset SINCH_APPLICATION_SECRET SINCH_KEY_SECRET || true

reset() {
    "${PYTHON}" -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_sim/reset", data=b"{}", method="POST"))' "${SIM_URL}"
}

PLAYBOOK=(ansible-playbook voice_secrets.yml -vvv --diff -e "@${CONFIG}" -e "out_dir=${OUT}"
          -e "wrong_application_secret=${WRONG_APP_SECRET}")

ansible-playbook --version | head -1
reset
"${PLAYBOOK[@]}" -e mode=args -e "new_hmac=${NEW_HMAC}" > "${OUT}/args.txt" 2>&1 || { tail -n 60 "${OUT}/args.txt"; exit 1; }
reset
SINCH_APPLICATION_KEY="${APP_KEY}" SINCH_APPLICATION_SECRET="${APP_SECRET}" SINCH_VOICE_API_URL="${SIM_URL}" \
SINCH_PROJECT_ID="$(config sinch_project_id)" SINCH_KEY_ID="$(config sinch_key_id)" SINCH_KEY_SECRET="${KEY_SECRET}" \
SINCH_NUMBERS_API_URL="${SIM_URL}" SINCH_AUTH_URL="${SIM_URL}" \
    "${PLAYBOOK[@]}" -e mode=env -e "new_hmac=${ENV_HMAC}" > "${OUT}/env.txt" 2>&1 || { tail -n 60 "${OUT}/env.txt"; exit 1; }

# The runs did what they claim (so the scan below is not scanning empty files).
grep -qF 'InvalidSignature' "${OUT}/args.txt"
grep -qF '(changed)' "${OUT}/args.txt"
grep -qF '"+14155550102"' "${OUT}/env.txt"

found=0
for secret in "${APP_SECRET}" "${WRONG_APP_SECRET}" "${BASIC}" "${KEY_SECRET}" "${FIXTURE_HMAC}" "${NEW_HMAC}" "${ENV_HMAC}"; do
    if grep -rlF -- "${secret}" "${OUT}" "${HOME}" "${TMPDIR}" "${XDG_CACHE_HOME}"; then
        echo "a secret (${#secret} characters) was found in the files above"
        found=1
    fi
done
echo "scanned: $(find "${OUT}" -type f | wc -l) files, $(cat "${OUT}"/*.txt | wc -l) lines of output"
exit "${found}"
