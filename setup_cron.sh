#!/usr/bin/env bash
# Installs strikeline's cron jobs: scan 20:00, rank 06:00, trade 09:35, report 16:05, research 16:30, Monday-Friday,
# New York time (CRON_TZ), for this install. Idempotent: its block (between "# BEGIN strikeline <install>"
# and "# END strikeline <install>") is replaced; every other line of the crontab is kept as it is.
#
#   ./setup_cron.sh            install (or update) the lines
#   ./setup_cron.sh --print    print the crontab it would install; change nothing
#   ./setup_cron.sh --remove   remove only this install's lines
#
# STRIKELINE_CRONTAB_FILE=path operates on a file instead of the user's crontab (tests, dry runs).
# STRIKELINE_NODE=path uses that node binary instead of the one on PATH.
set -euo pipefail

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

mode=install
case "${1:-}" in
  "") ;;
  --print) mode=print ;;
  --remove) mode=remove ;;
  -h|--help) usage; exit 0 ;;
  *) echo "setup_cron.sh: unknown option '$1' (use --print, --remove or --help)" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
NODE="${STRIKELINE_NODE:-$(command -v node || true)}"
if [[ "$mode" != remove && -z "$NODE" ]]; then
  echo "setup_cron.sh: node not found on PATH (set STRIKELINE_NODE=/path/to/node)" >&2
  exit 1
fi
case "$ROOT$NODE" in
  *"'"*|*%*|*$'\n'*) echo "setup_cron.sh: paths containing ', % or a newline cannot go into a crontab: $ROOT" >&2; exit 1 ;;
esac
if [[ -z "${STRIKELINE_CRONTAB_FILE:-}" ]] && ! command -v crontab > /dev/null; then
  echo "setup_cron.sh: the crontab command is missing: install cron (Debian/Ubuntu: apt-get install cron; cronie elsewhere)" >&2
  exit 1
fi
TAG="# strikeline:$ROOT"
BEGIN_LINE="# BEGIN strikeline $ROOT (managed by setup_cron.sh; changes inside are replaced)"
END_LINE="# END strikeline $ROOT"

read_crontab() {
  if [[ -n "${STRIKELINE_CRONTAB_FILE:-}" ]]; then
    if [[ -f "$STRIKELINE_CRONTAB_FILE" ]]; then cat "$STRIKELINE_CRONTAB_FILE"; fi
    return 0
  fi
  crontab -l 2>/dev/null || true
}

write_crontab() {
  if [[ -n "${STRIKELINE_CRONTAB_FILE:-}" ]]; then
    local tmp="$STRIKELINE_CRONTAB_FILE.tmp.$$"
    cat > "$tmp" && mv "$tmp" "$STRIKELINE_CRONTAB_FILE"
  else
    crontab -
  fi
}

# One line per job: "minute hour job".
JOBS=$'0 20 scan\n0 6 rank\n35 9 trade\n5 16 report\n30 16 research'

our_block() {
  # CRON_TZ applies to the entries after it (cronie), so the block goes at the end of the crontab.
  # A cron environment line cannot carry a comment, hence the BEGIN/END marker lines.
  printf '%s\n' "$BEGIN_LINE" 'CRON_TZ=America/New_York'
  while read -r minute hour job; do
    printf "%s %s * * 1-5 cd '%s' && '%s' bin/strikeline.js %s >> '%s/logs/cron-%s.log' 2>&1 %s\n" \
      "$minute" "$hour" "$ROOT" "$NODE" "$job" "$ROOT" "$job" "$TAG"
  done <<< "$JOBS"
  printf '%s\n' "$END_LINE"
}

# The crontab without this install's lines: its markers, its tagged job lines, and the CRON_TZ line
# between its markers. Anything else (even a user's line typed inside the block) is kept as it was.
strip_ours() {
  awk -v begin="$BEGIN_LINE" -v end="$END_LINE" -v tag="$TAG" '
    $0 == begin { inside = 1; next }
    $0 == end { inside = 0; next }
    inside && $0 == "CRON_TZ=America/New_York" { next }
    index($0, tag) > 0 && substr($0, length($0) - length(tag) + 1) == tag { next }
    { print }
  '
}

current="$(read_crontab)"
others="$(printf '%s\n' "$current" | strip_ours)"
# Drop trailing blank lines left behind, so install after remove gives the same file.
others="$(printf '%s' "$others" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"

if [[ "$mode" == remove ]]; then
  desired="$others"
else
  desired="$(if [[ -n "$others" ]]; then printf '%s\n' "$others"; fi; our_block)"
fi

if [[ "$mode" == print ]]; then
  printf '%s\n' "$desired"
  exit 0
fi

if [[ "$desired" == "$current" ]]; then
  echo "crontab already up to date ($mode): nothing changed"
  exit 0
fi

[[ "$mode" == install ]] && mkdir -p "$ROOT/logs"
if [[ -z "$desired" ]]; then
  printf '' | write_crontab
else
  printf '%s\n' "$desired" | write_crontab
fi
if [[ "$mode" == install ]]; then
  echo "installed strikeline cron jobs for $ROOT (scan 20:00, rank 06:00, trade 09:35, report 16:05, Mon-Fri, America/New_York); logs in $ROOT/logs/cron-<job>.log"
else
  echo "removed strikeline cron jobs for $ROOT"
fi
