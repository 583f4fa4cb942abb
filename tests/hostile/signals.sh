#!/usr/bin/env bash
# The reader in tmux, sent SIGTERM, SIGHUP, SIGQUIT and SIGTSTP: each leaves the terminal's
# modes (alternate screen, mouse reporting, hidden cursor); after SIGTSTP, `fg` brings the reader
# back in its modes, and Ctrl-Z from the keyboard does the same. Usage: signals.sh SANAD.
set -euo pipefail
sanad=$(realpath "$1")
session=sanad-signals-$$
# Config and data of its own: the reader neither reads nor writes the machine's.
home=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$home"' EXIT

modes() { tmux display -p -t "$session" 'alternate=#{alternate_on} mouse=#{mouse_any_flag} cursor=#{cursor_flag}'; }
expect() {
  local when=$1 wanted=$2 got
  got=$(modes)
  if [ "$got" != "$wanted" ]; then
    echo "signals: $when: expected '$wanted', got '$got'"
    tmux capture-pane -p -t "$session"
    exit 1
  fi
}
# Waits up to 5 s for the pane's modes to become `wanted`.
wait_for() {
  for _ in $(seq 50); do
    [ "$(modes)" = "$2" ] && return 0
    sleep 0.1
  done
  expect "$1" "$2"
}
reading='alternate=1 mouse=1 cursor=0'
left='alternate=0 mouse=0 cursor=1'

for signal in TERM HUP QUIT TSTP; do
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 80 -y 20 "bash --norc --noprofile"
  tmux send-keys -t "$session" "exec 2>/dev/null; export XDG_CONFIG_HOME='$home/config' XDG_DATA_HOME='$home/data'; '$sanad'; echo exited \$?" Enter
  wait_for "$signal: reader started" "$reading"
  pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
  reader=$(cat "/proc/$pid/task/$pid/children")
  kill "-$signal" "$reader"
  wait_for "after SIG$signal" "$left"
  if [ "$signal" = TSTP ]; then
    tmux send-keys -t "$session" "fg" Enter
    wait_for "fg after SIGTSTP" "$reading"
    tmux send-keys -t "$session" C-z
    wait_for "after Ctrl-Z" "$left"
    tmux send-keys -t "$session" "fg" Enter
    wait_for "fg after Ctrl-Z" "$reading"
    tmux send-keys -t "$session" C-c
    wait_for "quit after fg" "$left"
  fi
  echo "signals: SIG$signal leaves the terminal as it was"
done
echo "signals: ok"
