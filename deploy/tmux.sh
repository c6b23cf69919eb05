#!/usr/bin/env bash
# Starts the strikeline stream daemon in a detached tmux session, unless it is already running there.
# Idempotent: run it from cron (@reboot) or by hand as often as you like.
#
#   deploy/tmux.sh              # start (or report that it runs) in session "strikeline"
#   tmux attach -t strikeline   # watch it; detach with Ctrl-b d
#   STRIKELINE_SESSION=paper STRIKELINE_ROOT=/srv/paper deploy/tmux.sh   # a second install, its own session
#
# STRIKELINE_ROOT (default: this checkout) is the TRADING_SYSTEM_ROOT: .env, config/, state/, logs/ and
# killswitch/ live there; the daemon runs with it as working directory. STRIKELINE_BIN overrides the entry
# point (default: bin/strikeline.js of this checkout). When the daemon exits, the loop restarts it after
# 5 s, as systemd does (a second daemon on the same root exits 1 at once: one daemon per root).
set -euo pipefail

SESSION="${STRIKELINE_SESSION:-strikeline}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="${STRIKELINE_ROOT:-$REPO}"
BIN="${STRIKELINE_BIN:-$REPO/bin/strikeline.js}"
NODE="${NODE:-node}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux.sh: tmux is not installed (apt-get install tmux), or use deploy/strikeline.service" >&2
  exit 1
fi

if tmux has-session -t "=${SESSION}" 2>/dev/null; then
  echo "strikeline is already running in tmux session '${SESSION}' (tmux attach -t ${SESSION})"
  exit 0
fi

# The session's shell loop: restart after any exit, and stop the loop when the session is killed.
# --max-semi-space-size=4: the daemon's node flags (src/cli/daemon-node-flags.ts), some 25 MB less memory.
printf -v LOOP 'cd %q && export TRADING_SYSTEM_ROOT=%q && while true; do %q --max-semi-space-size=4 %q stream; echo "strikeline stream exited ($?), restarting in 5 s"; sleep 5; done' \
  "$ROOT" "$ROOT" "$NODE" "$BIN"
tmux new-session -d -s "${SESSION}" -c "$ROOT" "bash -c $(printf '%q' "$LOOP")"
echo "strikeline started in tmux session '${SESSION}' (root ${ROOT}); attach with: tmux attach -t ${SESSION}"
