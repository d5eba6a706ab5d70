#!/usr/bin/env bash
# EventFlow side by side: this working tree's library against another commit's, in one session on one machine.
# The two builds run alternately (base, this, base, this, ...), each run with its own PostgreSQL, sidecars and services,
# so that load on a shared machine falls on both alike; the summary gives, per figure, the median of every
# repetition of each side and their ratio (this / base).
#
#   bench/EventFlow/compare.sh <git-ref> [runs per side, default 2] [-- EventFlow options]
#   bench/EventFlow/compare.sh dd15da7 2 -- --repetitions 3
set -euo pipefail
base_ref=${1:?usage: bench/EventFlow/compare.sh <git-ref> [runs] [-- EventFlow options]}
shift
runs=2
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi

root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add --detach "$work/base" "$base_ref" >/dev/null
base_commit=$(git -C "$work/base" rev-parse --short HEAD)
this_commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- platform tests bench || echo '+changes')"

echo "Building $base_commit and $this_commit (Release)..." >&2
dotnet build -c Release "$work/base/bench/EventFlow" -v quiet -nologo >&2
dotnet build -c Release "$root/bench/EventFlow" -v quiet -nologo >&2

for run in $(seq 1 "$runs"); do
  for side in base this; do
    dir=$root; [ "$side" = base ] && dir=$work/base
    echo "Run $run of $runs: $side..." >&2
    dotnet run -c Release --no-build --project "$dir/bench/EventFlow" -- "$@" > "$work/$side.$run.md"
  done
done

echo "- EventFlow side by side: base $base_commit, this $this_commit; $runs runs each, alternating; options: ${*:-(defaults)}"
grep -h "^- Load average" "$work"/base.*.md "$work"/this.*.md | sed 's/^- /- Run: /'
echo
# Table rows: | phase | figure | median | repetitions (a / b / c) | ...; the first mode's repetitions are taken.
awk -F'|' '
  FNR == 1 { side = (FILENAME ~ /\/base\.[0-9]+\.md$/) ? "base" : "this" }
  /^\| (Sustained|Paced) \|/ {
    key = $2 "|" $3
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    count = split($5, values, "/")
    for (i = 1; i <= count; i++) { v = values[i]; gsub(/[ ,]/, "", v); if (v != "n/a") all[side, key] = all[side, key] " " v }
  }
  function median(list,    parts, count, i, j, t) {
    count = split(list, parts, " ")
    if (count == 0) return "n/a"
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (parts[j] + 0 < parts[i] + 0) { t = parts[i]; parts[i] = parts[j]; parts[j] = t }
    return (count % 2) ? parts[(count + 1) / 2] + 0 : (parts[count / 2] + parts[count / 2 + 1]) / 2
  }
  END {
    print "| Phase | Figure | base median | this median | this / base |"
    print "| --- | --- | ---: | ---: | ---: |"
    for (i = 1; i <= n; i++) {
      split(order[i], k, "|"); b = median(all["base", order[i]]); t = median(all["this", order[i]])
      ratio = (b == "n/a" || t == "n/a" || b == 0) ? "n/a" : sprintf("%.2f", t / b)
      printf "|%s|%s| %s | %s | %s |\n", k[1], k[2], b, t, ratio
    }
  }' "$work"/base.*.md "$work"/this.*.md
