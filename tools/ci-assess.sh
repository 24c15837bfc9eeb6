#!/usr/bin/env bash
# The openness Action's one step (action.yml): assess the targets, write the Markdown summary to the job
# summary and the HTML report to a file, then apply the thresholds. Inputs come from the environment.
set -uo pipefail
read -r -a targets <<< "${OPENNESS_TARGETS:-.}"
mode=()
[ "${OPENNESS_MOT_COMPATIBLE:-false}" = "true" ] && mode=(--mot-compatible)
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
openness assess "${mode[@]}" -f markdown "${targets[@]}" >> "$summary"
openness assess "${mode[@]}" -f html "${targets[@]}" > "${OPENNESS_REPORT:-openness-report.html}"
checks=()
[ -n "${OPENNESS_FAIL_UNDER:-}" ] && checks+=(--fail-under "$OPENNESS_FAIL_UNDER")
if [ -n "${OPENNESS_REQUIRE:-}" ]; then
  read -r -a required <<< "$OPENNESS_REQUIRE"
  for r in "${required[@]}"; do checks+=(--require "$r"); done
fi
if [ ${#checks[@]} -eq 0 ]; then
  exit 0
fi
# table output in the log names every target below the bar; the exit code fails the job
openness assess "${mode[@]}" -f table "${checks[@]}" "${targets[@]}"
