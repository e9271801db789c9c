#!/usr/bin/env bash
# Ten forks of one play each give their own application one free voice number with count, at the same time:
# no two may pick the same number. prepare.yml makes the ten applications and rents the free numbers; assign.yml
# runs on the ten hosts of inventory.yml with -f 10 (twice: the second run must change nothing); verify.yml
# compares the simulator's state and counters with that. A fresh session cache, so the log-ins are counted too.
set -eux

CACHE_HOME="$(mktemp -d)"
trap 'rm -rf "${CACHE_HOME}"' EXIT
export XDG_CACHE_HOME="${CACHE_HOME}"

ansible-playbook prepare.yml -e "@../../integration_config.yml" -e "work_dir=${CACHE_HOME}" "$@"
ansible-playbook assign.yml -i inventory.yml -f 10 -e "@../../integration_config.yml" -e run=first "$@"
ansible-playbook assign.yml -i inventory.yml -f 10 -e "@../../integration_config.yml" -e run=again "$@"
ansible-playbook verify.yml -i inventory.yml -e "@../../integration_config.yml" -e "work_dir=${CACHE_HOME}" "$@"
