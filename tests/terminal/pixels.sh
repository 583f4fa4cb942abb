#!/usr/bin/env bash
# What users of real terminals see, checked by pixels: in each terminal, `sanad show` of a short
# Arabic report must draw exactly what its visual lines draw in explicit bidi mode (the terminal
# leaving them as they are). In a VTE terminal, which reorders in its default implicit mode, the
# same lines printed without the mode switch must draw differently, or the check could not tell.
#   tests/terminal/pixels.sh SHARED_TOOLS SANAD
set -euo pipefail
tools=$1 sanad=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report="$work/report.txt"
printf 'قتل 7 أشخاص في انفجار وسط المدينة.\n' >"$report"
"$sanad" show --width 40 "$report" >"$work/visual.txt"

# Each script hides the cursor, prints, and waits to be photographed.
script() {
  printf '#!/usr/bin/env bash\nprintf "\\033[?25l"\n%s\nsleep 60\n' "$2" >"$work/$1.sh"
  chmod +x "$work/$1.sh"
}
script explicit "printf '\\033[8l\\033[1 k'; cat '$work/visual.txt'"
script sanad "'$sanad' show --width 40 '$report'"
script implicit "cat '$work/visual.txt'"

# A virtual display is sometimes not up when the terminal starts: a shot is tried three times.
shot() {
  local attempt
  for attempt in 1 2 3; do
    if "$tools/terminal-shot" -t "$1" -s 44x4 -d 1.5 -o "$work/$1-$2.png" -- "$work/$2.sh" \
      >"$work/shot.log" 2>&1; then
      return 0
    fi
    sleep "$attempt"
  done
  cat "$work/shot.log"
  return 1
}
differing() {
  compare -metric AE "$work/$1" "$work/$2" null: 2>&1 | cut -d' ' -f1 || true
}

status=0
for terminal in xterm lxterminal; do
  for kind in explicit sanad implicit; do
    shot "$terminal" "$kind"
  done
  same=$(differing "$terminal-explicit.png" "$terminal-sanad.png")
  if [ "$same" != 0 ]; then
    echo "$terminal: sanad show differs from its lines in explicit mode ($same pixels)"
    status=1
  fi
  if [ "$terminal" = lxterminal ]; then
    apart=$(differing "$terminal-implicit.png" "$terminal-sanad.png")
    if [ "$apart" = 0 ]; then
      echo "$terminal: lines in implicit mode look the same; the check cannot see reordering"
      status=1
    fi
  fi
  echo "$terminal: ok"
done
exit $status
