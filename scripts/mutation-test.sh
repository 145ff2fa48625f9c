#!/usr/bin/env bash
# Mutation testing of AiLint with Stryker.NET, on demand (NOT part of .ci/run: a whole project takes hours on 2 cores).
# Restores the dotnet-stryker tool from .config/dotnet-tools.json, mutates the files the scope globs name, runs the
# tests that cover each mutant against it, and prints the score (killed / survived / timeout / no coverage).
#
# Usage: scripts/mutation-test.sh [glob ...]
#   globs in Stryker's `mutate` syntax (`!` excludes, `{10..40}` line spans), matched against the mutated project's
#   files; start them with **/ (the form tested here), e.g. '**/Rules/Retry/IdempotencyKeys.cs'.
#   default: the retry loop classifier, Rules/Retry/LoopRetryClassifier.cs and the three partials it was split into
#   (.SuccessPath, .Inputs, .InputSources; the code the score in docs/testing.md was measured on) (19-33 minutes on 2 shared cores with
#   TEST_FILTER='FullyQualifiedName~AiLint.Tests.Retry.' CONCURRENCY=2; far longer against the whole suite).
# Env:
#   TARGET=analyzers|runtime   analyzers (default): src/AiLint.Analyzers against tests/AiLint.Tests;
#                              runtime: src/AiLint.Runtime against tests/AiLint.Runtime.Tests (default glob **/*.cs)
#   CONCURRENCY=1              test runners in parallel (the machine has 2 cores and is shared: 1 or 2)
#   TEST_FILTER=...            `dotnet test --filter` expression limiting the tests Stryker runs (faster, but a mutant
#                              only a filtered-out test kills then counts as survived: the score is a lower bound)
#   SINCE=main                 only mutate files changed since that commit (Stryker's --since)
#   OUT=artifacts/mutation     output folder (gitignored); each run gets a time-stamped subfolder with the HTML/JSON report
# Exit code: Stryker's (non-zero when it fails to run; the score never fails the script, thresholds.break is 0).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

target=${TARGET:-analyzers}
case "$target" in
  analyzers) project=AiLint.Analyzers.csproj; tests=tests/AiLint.Tests; default_glob=('**/Rules/Retry/LoopRetryClassifier.cs' '**/Rules/Retry/LoopRetryClassifier.SuccessPath.cs' '**/Rules/Retry/LoopRetryClassifier.Inputs.cs' '**/Rules/Retry/LoopRetryClassifier.InputSources.cs') ;;
  runtime)   project=AiLint.Runtime.csproj;   tests=tests/AiLint.Runtime.Tests; default_glob=('**/*.cs') ;;
  *) echo "mutation-test: TARGET must be analyzers or runtime, not '$target'" >&2; exit 2 ;;
esac
if [ $# -eq 0 ]; then set -- "${default_glob[@]}"; fi

out_root=${OUT:-$root/artifacts/mutation}
out="$out_root/$(date -u +%Y%m%dT%H%M%SZ)-$target"
mkdir -p "$out"

dotnet tool restore > /dev/null

args=(--config-file "$root/scripts/stryker-config.json" --project "$project" --configuration Release
      --concurrency "${CONCURRENCY:-1}" --output "$out" --skip-version-check)
# A progress bar on a terminal; one character per tested mutant in a log.
if [ -t 1 ]; then progress=Progress; else progress=Dots; fi
for reporter in "$progress" ClearText Html Json; do args+=(--reporter "$reporter"); done
for glob in "$@"; do args+=(--mutate "$glob"); done
if [ -n "${TEST_FILTER:-}" ]; then args+=(--test-case-filter "$TEST_FILTER"); fi
if [ -n "${SINCE:-}" ]; then args+=("--since:$SINCE"); fi

echo "== mutation test: $project against $tests, scope: $*"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); output: $out"
start=$(date +%s)
# Stryker runs from the test project's folder, where it finds the project under test among its references.
(cd "$tests" && dotnet tool run dotnet-stryker -- "${args[@]}")
elapsed=$(( $(date +%s) - start ))

# The JSON report (mutation-testing-elements schema) holds every mutant's status; count them.
report=$(find "$out" -name mutation-report.json | head -n 1)
if [ -z "$report" ]; then echo "mutation-test: no JSON report under $out" >&2; exit 1; fi
python3 - "$report" "$elapsed" <<'PY'
import collections, json, sys
report, elapsed = json.load(open(sys.argv[1])), int(sys.argv[2])
# Stryker lists every file of the project; count only the files the scope reached (one mutant scored at least).
scored = {"Killed", "Survived", "Timeout", "NoCoverage"}
files = {p: f for p, f in report["files"].items() if any(m["status"] in scored for m in f["mutants"])}
counts = collections.Counter(m["status"] for f in files.values() for m in f["mutants"])
killed, survived, timeout, nocov = (counts.get(k, 0) for k in ("Killed", "Survived", "Timeout", "NoCoverage"))
detected, undetected = killed + timeout, survived + nocov
score = 100.0 * detected / (detected + undetected) if detected + undetected else float("nan")
print(f"== score {score:.1f}% (killed {killed}, survived {survived}, timeout {timeout}, no coverage {nocov}; "
      f"in scope also: ignored {counts.get('Ignored', 0)}, compile errors {counts.get('CompileError', 0)}) in {elapsed // 60} min {elapsed % 60} s")
for path, f in sorted(files.items()):
    for m in sorted(f["mutants"], key=lambda m: m["location"]["start"]["line"]):
        if m["status"] in ("Survived", "NoCoverage"):
            line = m["location"]["start"]["line"]
            print(f"   {m['status']:<10} {path.split('/src/')[-1]}:{line} {m['mutatorName']}: {m.get('replacement', '')[:100]!r}")
PY
echo "== report: $out/reports/mutation-report.html"
