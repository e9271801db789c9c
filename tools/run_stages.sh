#!/usr/bin/env bash
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run `make <stage>` for each stage, keep going past failures, and print one summary line per
# stage with its duration, then "N passed, N failed". Stages named before `--` are prerequisites
# (venv, build): if one fails, the rest are not run and count as failed. The test stages are run
# with `-o PREREQUISITE` for each of them so that make does not rebuild the collection for each.
#
# usage: MAKE=make tools/run_stages.sh venv venv-2.16 build -- sanity units ...
set -uo pipefail

make_cmd=${MAKE:-make}
prereqs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do prereqs+=("$1"); shift; done
[ $# -gt 0 ] && shift
stages=("$@")

names=() results=() durations=()
passed=0 failed=0
total_start=$(date +%s.%N)

# Ctrl-C stops the whole run rather than only the stage it interrupts.
trap 'echo; echo "interrupted"; exit 130' INT

elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

run() {  # run NAME MAKE-ARGS...
    local name=$1 start status
    shift
    printf '\n==> %s\n' "$name"
    start=$(date +%s.%N)
    $make_cmd --no-print-directory "$@" </dev/null
    status=$?
    names+=("$name") durations+=("$(elapsed "$start")s")
    if [ $status -eq 0 ]; then results+=(passed); else results+=("FAILED (exit $status)"); fi
    return $status
}

blocked=
old_prereqs=()
for stage in "${prereqs[@]}"; do old_prereqs+=(-o "$stage"); done
for stage in "${prereqs[@]}"; do
    if ! run "$stage" "$stage"; then blocked=$stage; break; fi
done
for stage in "${stages[@]}"; do
    if [ -n "$blocked" ]; then
        names+=("$stage") results+=("not run ($blocked failed)") durations+=("-")
        failed=$((failed + 1))
    elif run "$stage" "${old_prereqs[@]}" "$stage"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done

printf '\n==> summary\n'
for i in "${!names[@]}"; do
    printf '  %-16s %-28s %9s\n' "${names[$i]}" "${results[$i]}" "${durations[$i]}"
done
printf '  %-16s %-28s %9s\n' total "" "$(elapsed "$total_start")s"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$blocked" ]
