#!/usr/bin/env bash
# No secret in output, results, diffs, warnings or files: every module and the inventory plugin, at -vvv with diff,
# with the secrets given as arguments and as SINCH_* environment variables, calls with wrong secrets included, and
# a session taken from the cache. Each run gets a fresh HOME, XDG_CACHE_HOME and TMPDIR; its stdout and stderr,
# ANSIBLE_LOG_PATH and the registered results go to files; scan_secrets.py then searches all of them, and every
# file under those directories, for the secrets (the session cache itself is checked for mode and content instead).
# No "set -x": it would print the secrets exported below into the CI log.
set -eu

PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
WORK_DIR="$(mktemp -d)"
# SECRETS_KEEP=/some/dir keeps what the runs wrote, to look into a hit.
trap '[ -z "${SECRETS_KEEP:-}" ] || cp -a "${WORK_DIR}" "${SECRETS_KEEP}"; rm -rf "${WORK_DIR}"' EXIT

# Scanned: what the runs write.
RUN_HOME="${WORK_DIR}/home"
XDG="${WORK_DIR}/xdg"
TMP="${WORK_DIR}/tmp"
OUT="${WORK_DIR}/out"
# Not scanned: the inventory files this script writes with secrets in them, and the credentials issued.
INPUTS="${WORK_DIR}/inputs"
ISSUED="${WORK_DIR}/issued.jsonl"
CACHE_DIR="${XDG}/sinch.numbers"
mkdir -p "${RUN_HOME}" "${XDG}" "${TMP}" "${OUT}" "${INPUTS}"
touch "${ISSUED}"

config() {
    "${PYTHON}" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]])' "${CONFIG}" "$1"
}
SIM_URL="$(config sinch_simulator_url)"
USERNAME="$(config sinch_username)"
PASSWORD="$(config sinch_password)"
PROJECT_ID="$(config sinch_project_id)"
KEY_ID="$(config sinch_key_id)"
KEY_SECRET="$(config sinch_key_secret)"
WRONG_PASSWORD=wrong-password-123
WRONG_KEY_SECRET=wrong-key-secret-456

export HOME="${RUN_HOME}" XDG_CACHE_HOME="${XDG}" TMPDIR="${TMP}"
export ANSIBLE_LOG_PATH="${OUT}/ansible.log" ANSIBLE_DIFF_ALWAYS=true ANSIBLE_NOCOLOR=true
# Only the runs in "env" mode get credentials from the environment.
unset SINCH_USERNAME SINCH_PASSWORD SINCH_INSTANCE_ID SINCH_INSTANCE_SECRET SINCH_KEY_SECRET || true

"${PYTHON}" -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_sim/reset", data=b"{}", method="POST"))' "${SIM_URL}"

# run NAME EXPECTED_STATUS COMMAND...: stdout and stderr to ${OUT}/NAME.txt; then note the credentials cached so far.
run() {
    local name="$1" expected="$2" status=0 started="${SECONDS}"
    shift 2
    "$@" > "${OUT}/${name}.txt" 2>&1 || status=$?
    echo "== ${name}: status ${status} after $((SECONDS - started)) s"
    if [ "${expected}" = ok ] && [ "${status}" -ne 0 ]; then
        tail -n 40 "${OUT}/${name}.txt"
        echo "${name} failed (status ${status})"
        return 1
    fi
    if [ "${expected}" = fail ] && [ "${status}" -eq 0 ]; then
        echo "${name} should have failed"
        return 1
    fi
    "${PYTHON}" scan_secrets.py collect "${CACHE_DIR}" "${ISSUED}"
}

# expect NAME TEXT: the output of run NAME says TEXT.
expect() {
    grep -qF -- "$2" "${OUT}/$1.txt" || { echo "$1: '$2' not in its output"; return 1; }
}

# env_secrets COMMAND...: run COMMAND with the whole connection in SINCH_* variables.
env_secrets() {
    SINCH_USERNAME="${USERNAME}" SINCH_PASSWORD="${PASSWORD}" \
    SINCH_USER_API_URL="${SIM_URL}" SINCH_API_URL="${SIM_URL}" SINCH_PORTAL_API_URL="${SIM_URL}" \
    SINCH_PROJECT_ID="${PROJECT_ID}" SINCH_KEY_ID="${KEY_ID}" SINCH_KEY_SECRET="${KEY_SECRET}" \
    SINCH_NUMBERS_API_URL="${SIM_URL}" SINCH_AUTH_URL="${SIM_URL}" "$@"
}

PLAYBOOK=(ansible-playbook secrets.yml -vvv --diff -e "@${CONFIG}" -e "out_dir=${OUT}" -e "cache_dir=${CACHE_DIR}")

# --- modules --------------------------------------------------------------------------------------------------
run modules-args ok "${PLAYBOOK[@]}" -e mode=args
run modules-env ok env_secrets "${PLAYBOOK[@]}" -e mode=env --tags modules
run failing-env ok env_secrets env SINCH_PASSWORD="${WRONG_PASSWORD}" SINCH_KEY_SECRET="${WRONG_KEY_SECRET}" \
    "${PLAYBOOK[@]}" -e mode=env --tags failing
SESSION="$("${PYTHON}" -c '
import glob, json, os, sys
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    data = json.load(open(path))["data"]
    if "secret" in data:
        print(data["id"], data["secret"])
' "${CACHE_DIR}")"
read -r INSTANCE_ID INSTANCE_SECRET <<< "${SESSION}"
run session-env ok env_secrets env -u SINCH_PASSWORD SINCH_INSTANCE_ID="${INSTANCE_ID}" SINCH_INSTANCE_SECRET="${INSTANCE_SECRET}" \
    "${PLAYBOOK[@]}" -e mode=env --tags session

# --- the inventory plugin -------------------------------------------------------------------------------------
# inventory NAME KEY: VALUE...: an inventory file of the plugin (secrets given in it stay in INPUTS).
inventory() {
    local file="${INPUTS}/$1.sinch_numbers.yml"
    shift
    printf '%s\n' "plugin: sinch.numbers.sinch_numbers" "$@" > "${file}"
    chmod 0600 "${file}"
    echo "${file}"
}
PORTAL=("username: ${USERNAME}" "user_api_url: ${SIM_URL}" "api_url: ${SIM_URL}" "portal_api_url: ${SIM_URL}")
NUMBERS_API=("source: numbers_api" "project_id: ${PROJECT_ID}" "key_id: ${KEY_ID}" "numbers_api_url: ${SIM_URL}" "auth_url: ${SIM_URL}")
# A source that fails must fail the command, not leave an empty inventory.
INVENTORY=(env ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory --list -vvv -i)

run inventory-portal-args ok "${INVENTORY[@]}" "$(inventory portal "${PORTAL[@]}" "password: ${PASSWORD}")"
run inventory-numbers-api-args ok "${INVENTORY[@]}" "$(inventory numbers_api "${NUMBERS_API[@]}" "key_secret: ${KEY_SECRET}")"
run inventory-cached-args ok "${INVENTORY[@]}" "$(inventory cached "${PORTAL[@]}" "password: ${PASSWORD}" "cache: true" \
    "cache_plugin: ansible.builtin.jsonfile" "cache_connection: ${RUN_HOME}/.cache/sinch_inventory")"
run inventory-wrong-password-args fail "${INVENTORY[@]}" "$(inventory wrong_password "${PORTAL[@]}" "password: ${WRONG_PASSWORD}")"
run inventory-wrong-key-args fail "${INVENTORY[@]}" "$(inventory wrong_key "${NUMBERS_API[@]}" "key_secret: ${WRONG_KEY_SECRET}")"
run inventory-portal-env ok env_secrets "${INVENTORY[@]}" "$(inventory portal_env)"
run inventory-numbers-api-env ok env_secrets "${INVENTORY[@]}" "$(inventory numbers_api_env "source: numbers_api")"
run inventory-wrong-env fail env_secrets env SINCH_PASSWORD="${WRONG_PASSWORD}" "${INVENTORY[@]}" "$(inventory wrong_env)"
run inventory-session-env ok env_secrets env -u SINCH_PASSWORD SINCH_INSTANCE_ID="${INSTANCE_ID}" \
    SINCH_INSTANCE_SECRET="${INSTANCE_SECRET}" SINCH_ORGANISATION_ID=8888123 "${INVENTORY[@]}" "$(inventory session_env)"

expect inventory-portal-args '"+14155550100"'
expect inventory-numbers-api-env '"+12025550101"'
expect inventory-session-env '"+14155550100"'
expect inventory-wrong-password-args 'Sinch refused to log in as email ops@example.com'
expect inventory-wrong-key-args 'invalid_client'
expect inventory-wrong-env '40100 Unauthorized'

# --- the scan ---------------------------------------------------------------------------------------------------
ls "${OUT}"
"${PYTHON}" scan_secrets.py scan "${ISSUED}" "${CACHE_DIR}" "${KEY_ID}" \
    "${PASSWORD}" "${KEY_SECRET}" "${WRONG_PASSWORD}" "${WRONG_KEY_SECRET}" "${INSTANCE_SECRET}" \
    -- "${OUT}" "${RUN_HOME}" "${XDG}" "${TMP}"
