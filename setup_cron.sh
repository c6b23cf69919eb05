#!/usr/bin/env bash
# Installs strikeline's cron line for this install: `strikeline tick` every minute, which runs each job (scan, rank,
# trade, report, research) at its New York time from schedule: in config/config.yaml, once per New York day, whatever
# this machine's time zone and whether or not its cron honours CRON_TZ (docs/schedules.md). Idempotent: its block
# (between "# BEGIN strikeline <install>" and "# END strikeline <install>") is replaced; every other line is kept.
#
#   ./setup_cron.sh            install (or update) the line
#   ./setup_cron.sh --print    print the crontab it would install; change nothing (works without cron installed)
#   ./setup_cron.sh --remove   remove only this install's lines
#
# STRIKELINE_CRONTAB_FILE=path operates on a file instead of the user's crontab (tests, dry runs).
# STRIKELINE_NODE=path uses that node binary instead of the one on PATH.
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

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
HAVE_CRONTAB=1
if [[ -z "${STRIKELINE_CRONTAB_FILE:-}" ]] && ! command -v crontab > /dev/null; then HAVE_CRONTAB=0; fi
# --print shows the block even where cron is not installed yet (there is then no crontab to keep).
if [[ "$mode" != print && "$HAVE_CRONTAB" == 0 ]]; then
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
  if [[ "$HAVE_CRONTAB" == 1 ]]; then crontab -l 2>/dev/null || true; fi
}

write_crontab() {
  if [[ -n "${STRIKELINE_CRONTAB_FILE:-}" ]]; then
    local tmp="$STRIKELINE_CRONTAB_FILE.tmp.$$"
    cat > "$tmp" && mv "$tmp" "$STRIKELINE_CRONTAB_FILE"
  else
    crontab -
  fi
}

our_block() {
  # One line, every minute, in whatever zone this cron uses: the tick reads the broker's clock and decides in New
  # York time which job is due (no CRON_TZ, which Debian's and Ubuntu's cron ignore). A cron environment line
  # cannot carry a comment, hence the BEGIN/END marker lines.
  printf '%s\n' "$BEGIN_LINE"
  printf "* * * * * cd '%s' && '%s' bin/strikeline.js tick >> '%s/logs/cron-tick.log' 2>&1 %s\n" "$ROOT" "$NODE" "$ROOT" "$TAG"
  printf '%s\n' "$END_LINE"
}

# The crontab without this install's lines: its markers, its tagged lines, and the CRON_TZ line an older version
# put between its markers. Anything else (even a user's line typed inside the block) is kept as it was.
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
  echo "installed the strikeline tick for $ROOT (every minute; it runs each job at its New York time from schedule: in config/config.yaml); see them with: strikeline schedule; logs in $ROOT/logs/cron-<job>.log"
else
  echo "removed strikeline cron jobs for $ROOT"
fi
