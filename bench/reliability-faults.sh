#!/usr/bin/env bash
# Each replica fault through the real CLI: exit code, wall seconds to report, and the replay's exit code and trace-hash match.
# Usage: bench/reliability-faults.sh (after npm run build). Prints one Markdown table row per fault.
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/byzcheck-reliability-faults"; rm -rf $out; mkdir -p $out
one() {
  local name="$1"; shift
  local s=$(date +%s.%N)
  node bin/byzcheck.js run "$@" --seed 1 --runs 50 --workers 1 --no-progress --out $out/$name > $out/$name.log 2>&1
  local code=$?
  local e=$(date +%s.%N)
  local file=$(grep -o 'Replay: npx byzcheck replay .*' $out/$name.log | sed 's/Replay: npx byzcheck replay //')
  local rcode="-" same="-"
  if [ -n "$file" ]; then
    node bin/byzcheck.js replay "$file" > $out/$name.replay 2>&1; rcode=$?
    grep -q "identical to the recorded run" $out/$name.replay && same=same || same=DIFFERENT
  fi
  printf "| %s | %s | %.1f s | %s %s |\n" "$name" "$code" "$(echo "$e - $s" | bc)" "$rcode" "$same"
}
one throws-in-handler --target test/fixtures/reliability/throwing-target.ts --adversary none
one unawaited-rejection --target test/fixtures/unawaited-rejection-target.ts --adversary none
one flood-1e6-sends --target test/fixtures/flooding-target.ts --adversary none
one module-level-rejection --target test/fixtures/module-rejection-target.ts --adversary none
one nondeterministic-timer --target test/fixtures/reliability/random-timer-target.ts --adversary none
one sub-exit-at-start --exec "python3 test/fixtures/subprocess/faulty.py exit-at-start" --adversary none
one sub-garbage-line --exec "python3 test/fixtures/subprocess/faulty.py garbage" --adversary none
one sub-overlong-line --exec "python3 test/fixtures/subprocess/faulty.py overlong" --adversary none
one sub-crash-mid-run --exec "python3 test/fixtures/subprocess/faulty.py crash-mid-run" --adversary none
one sub-hang --exec "python3 test/fixtures/subprocess/faulty.py hang" --adversary none
one sub-missing-program --exec "no-such-program-xyz" --adversary none
