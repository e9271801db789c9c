#!/usr/bin/env bash
# The getting-started guide (docs/docsite/rst/guide_getting_started.rst) as a new user follows it: the blocks
# marked ".. getting-started: <file>" are written out as they are (extract_guide.py), the guide's export block is
# sourced with the URL of this run's simulator in place of 127.0.0.1:8780, and the playbooks run with
# ansible-playbook in the order and the ways the guide says. verify.yml checks the simulator's state between runs.
set -eux -o pipefail

PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
HERE="$(pwd)"
WORK_DIR="$(mktemp -d)"
trap 'rm -rf "${WORK_DIR}"' EXIT
# A session cache of its own, as a new user has.
export XDG_CACHE_HOME="${WORK_DIR}/xdg"

# ansible-test runs the target from a copy of the target alone; the collection it tests is on ANSIBLE_COLLECTIONS_PATH.
GUIDE="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/sinch/numbers/docs/docsite/rst/guide_getting_started.rst"
test -f "${GUIDE}"
SIM_URL="$("${PYTHON}" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["sinch_simulator_url"])' "${CONFIG}")"

"${PYTHON}" "${HERE}/extract_guide.py" "${GUIDE}" "${WORK_DIR}" > "${WORK_DIR}/extracted"
for name in environment numbers.yml report.yml front-desk.yml; do
    grep -qx "${name}" "${WORK_DIR}/extracted"
done

# The guide's own exports, pointed at this run's simulator, and nothing else of the kind.
while read -r name; do unset "${name}"; done < <(env | sed -n 's/^\(SINCH_[A-Z_]*\)=.*/\1/p')
grep -qx 'sim=http://127.0.0.1:8780' "${WORK_DIR}/environment"
sed "s|^sim=http://127.0.0.1:8780\$|sim=${SIM_URL}|" "${WORK_DIR}/environment" > "${WORK_DIR}/environment.sh"
# shellcheck disable=SC1091
source "${WORK_DIR}/environment.sh"
# Nothing else may carry the connection: the playbooks get it from what the guide exports, or fail.
for name in SINCH_USERNAME SINCH_PASSWORD SINCH_USER_API_URL SINCH_API_URL SINCH_PORTAL_API_URL \
            SINCH_PROJECT_ID SINCH_KEY_ID SINCH_KEY_SECRET SINCH_NUMBERS_API_URL SINCH_AUTH_URL; do
    test -n "${!name}"
done

verify() {
    ansible-playbook "${HERE}/verify.yml" -e "@${CONFIG}" -e "phase=$1" -e "work_dir=${WORK_DIR}"
}

cd "${WORK_DIR}"

# numbers.yml: check mode writes nothing, the first run rents and assigns, the second changes nothing.
verify clear
ansible-playbook numbers.yml --check --diff
verify nothing_written
ansible-playbook numbers.yml
verify numbers
ansible-playbook numbers.yml | tee second.log
grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' second.log

# report.yml: the report of both APIs, then again with nothing changed.
ansible-playbook report.yml
verify report
ansible-playbook report.yml | tee report-again.log
grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' report-again.log

# front-desk.yml: one number of the Numbers API, configured and not rented.
ansible-playbook front-desk.yml
verify front_desk
