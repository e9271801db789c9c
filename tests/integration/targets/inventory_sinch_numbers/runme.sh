#!/usr/bin/env bash
# The sinch.numbers.sinch_numbers inventory plugin against the simulator: ansible-inventory for both sources,
# groups, compose and keyed_groups, the inventory cache and bad credentials (inventory.yml), then a play run
# on the hosts the plugin makes (hosts.yml). Inventory files are written into a temporary directory, and the
# sessions the plugin logs in with are cached there too, apart from other targets.
set -eux

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "${WORK_DIR}"' EXIT
export XDG_CACHE_HOME="${WORK_DIR}/xdg"

ansible-playbook inventory.yml -e "@../../integration_config.yml" -e "work_dir=${WORK_DIR}" "$@"

# No interpreter that exists: the plugin's ansible_python_interpreter must win (no discovery, no guess).
ANSIBLE_INVENTORY_UNPARSED_FAILED=true ANSIBLE_PYTHON_INTERPRETER=/nonexistent/python3 \
    ansible-playbook hosts.yml -i "${WORK_DIR}/portal.sinch_numbers.yml" -e "@../../integration_config.yml" "$@"
