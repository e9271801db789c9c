#!/usr/bin/env bash
# The lock against concurrent purchases never disappears (issue 9): with the session cache directory unusable
# (XDG_CACHE_HOME names a file), twenty forks shop for the same holding and ten of them take a free number each.
# The lock moves to the private fallback directory under TMPDIR, so exactly one reservation and one checkout
# happen, and no number goes to two applications. Then, with that fallback unusable too (a directory anyone can
# write), every fork fails before sending anything, saying why.
set -eux

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
printf 'a file where the cache directory should be\n' > "${WORK}/not-a-directory"
export XDG_CACHE_HOME="${WORK}/not-a-directory"
mkdir -m 0700 "${WORK}/tmp"
export TMPDIR="${WORK}/tmp"

ansible-playbook prepare.yml -e "@../../integration_config.yml" -e "work_dir=${WORK}" "$@"
ansible-playbook shop_and_assign.yml -i inventory.yml -f 20 -e "@../../integration_config.yml" -e "@${WORK}/target.json" "$@"
ansible-playbook verify.yml -i inventory.yml -e "@../../integration_config.yml" -e "work_dir=${WORK}" "$@"
test -d "${TMPDIR}/sinch.numbers-$(id -u)"

# No private place for the lock either: the fallback directory exists and others may write in it.
mkdir -m 0700 "${WORK}/tmp2"
export TMPDIR="${WORK}/tmp2"
mkdir "${TMPDIR}/sinch.numbers-$(id -u)"
chmod 0777 "${TMPDIR}/sinch.numbers-$(id -u)"
ansible-playbook no_lock.yml -i inventory.yml -f 20 -e "@../../integration_config.yml" -e "@${WORK}/target.json" "$@"
