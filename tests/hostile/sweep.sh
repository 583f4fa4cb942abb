#!/usr/bin/env bash
# A bounded hostile sweep: inputs a file or a feed controls, each held to a memory bound.
# Usage: sweep.sh SANAD. Needs python3 (for the inputs and to read the child's peak memory).
set -euo pipefail
sanad=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command with stdout to a file and prints its peak resident memory in MB.
peak_mb() {
  local out=$1
  shift
  python3 - "$out" "$@" <<'PY'
import resource, subprocess, sys
out = sys.argv[1]
with open(out, "wb") as sink:
    code = subprocess.run(sys.argv[2:], stdout=sink).returncode
if code != 0:
    sys.exit(f"exit status {code}: {' '.join(sys.argv[2:])}")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}

# Asserts that `what` stayed under `limit` MB of memory and `max_out` MB of output.
bounded() {
  local what=$1 peak=$2 limit=$3 out=$4 max_out=$5
  local out_mb=$(($(stat -c %s "$out") / 1048576))
  echo "$what: peak $peak MB (limit $limit), output $out_mb MB (limit $max_out)"
  if [ "$peak" -ge "$limit" ] || [ "$out_mb" -ge "$max_out" ]; then
    echo "hostile sweep: $what is past its bound"
    exit 1
  fi
}

# 20,000 one-line reports of one toll, each with its own number.
mkdir "$work/tolls"
python3 - "$work/tolls" <<'PY'
import sys
for i in range(20000):
    with open(f"{sys.argv[1]}/f{i:05d}.txt", "w") as f:
        f.write(f"قالت وزارة الداخلية إن {i + 1} شخصا قتلوا في ألماتي بحسب وكالة رويترز.\n")
PY
peak=$(peak_mb "$work/out" "$sanad" compare --json "$work/tolls")
bounded "compare --json of 20,000 distinct tolls" "$peak" 300 "$work/out" 64
# One 24 MB feed item of 3,000,000 paragraphs, and one of 200,000 links.
python3 - "$work" <<'PY'
import sys
def feed(name, body):
    with open(f"{sys.argv[1]}/{name}.rss", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
                '<item><title>x</title><guid>1</guid><description><![CDATA[' + body
                + ']]></description></item></channel></rss>')
feed("paragraphs", "<p>a</p>" * 3_000_000)
feed("links", "".join(f'<a href="http://example.com/{i}">{i}</a> ' for i in range(200_000)))
PY
for name in paragraphs links; do
  peak=$(peak_mb "$work/out" "$sanad" list "$work/$name.rss")
  bounded "list of one feed item of $name" "$peak" 300 "$work/out" 1
done
# 20,000 short paragraphs shown at the widest width: 1.3 GB of padded lines, streamed.
python3 - "$work/paragraphs.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("\n\n".join(f"قالت وزارة الداخلية إن {i} شخصا قتلوا في ألماتي." for i in range(20000)))
PY
peak=$(peak_mb /dev/null "$sanad" show --width 65535 "$work/paragraphs.txt")
bounded "show --width 65535 of 20,000 paragraphs" "$peak" 100 /dev/null 1
echo "hostile sweep: ok"
