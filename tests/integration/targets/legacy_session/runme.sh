#!/usr/bin/env bash
# Session reuse across the tasks of a play, expiry and the cache file's permissions need a cache of their
# own: a fresh XDG_CACHE_HOME for this script only.
set -eux

CACHE_HOME="$(mktemp -d)"
trap 'rm -rf "${CACHE_HOME}"' EXIT
export XDG_CACHE_HOME="${CACHE_HOME}"

ansible-playbook session.yml -e "@../../integration_config.yml" -e "cache_home=${CACHE_HOME}" "$@"
