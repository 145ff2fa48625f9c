#!/usr/bin/env bash
# Whole-build cost of AiLint: builds one large generated project without analyzers packages ("baseline"), with AiLint,
# and with Meziantou.Analyzer (a well-known package, as a reference), in alternating paired cold runs, and prints the
# median paired compile-time delta. Then one build per variant with -p:ReportAnalyzer=true, whose binlog is replayed at
# diagnostic verbosity for the compiler's per-analyzer breakdown. The paired delta is the figure that counts: the
# reported analyzer times leave out driver overhead, generator output compilation and GC pressure.
#
# Usage: scripts/bench-build.sh [files=1000] [pairs=5]
# Env:   WORK=/tmp/ailint-bench-build  MEZIANTOU_VERSION=3.0.321  SKIP_MEZIANTOU=1  SPLIT=1  SERVER=1
#        SDK_ANALYZERS=1|0  GENERATOR_VS_STJ=1  NO_SUMMARY=1  ONLY="ailint-analyzers stj"  (measure only these variants)
#
# SDK_ANALYZERS: every project (the baseline included) builds with the .NET SDK's own code-analysis rules as a net10.0
# project gets them by default (1, the default: EnableNETAnalyzers=true, AnalysisLevel=latest, AnalysisMode=Default,
# i.e. the SDK's analysislevel_10_default.globalconfig), or with them switched off (0: EnableNETAnalyzers=false). With
# them on, the baseline already pays for the IOperation trees that AiLint's operation-based rules share.
# GENERATOR_VS_STJ=1: adds "stj", the baseline plus one JsonSerializerContext with [JsonSerializable(typeof(T))] for each
# [LlmSchema] type of the corpus (the System.Text.Json source generator ships with the SDK and runs in every build), to
# compare with "ailint-generator" on the same types; both are also built once with EmitCompilerGeneratedFiles=true to
# count the lines each generator adds per type.
# NO_SUMMARY=1: adds "ailint-nosummary", AiLint with the project summary generator switched off
# (build_property.AiLintProjectSummary = false), so "ailint" minus it is the summary generator's share, and
# "ailint-rules", the analyzer assembly with the summary off and no schema generator: AiLint's rules alone.
#
# By default every build is cold: --no-incremental, no compiler server (-p:UseSharedCompilation=false) and no MSBuild
# node reuse (--disable-build-servers), so each run pays for loading and JIT-compiling the compiler and the analyzers,
# as CI does. SERVER=1 measures the developer's inner loop instead: --no-incremental rebuilds through a warm compiler
# server, which has already loaded and JIT-compiled the compiler and every analyzer. SPLIT=1 adds two AiLint variants,
# its analyzers alone and its generator alone, to separate the analyzers' cost from compiling the generated code.
# Nothing shared is shut down: other builds on the machine keep their servers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
files=${1:-1000}
pairs=${2:-5}
work=${WORK:-/tmp/ailint-bench-build}
mez_version=${MEZIANTOU_VERSION:-3.0.321}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
sdk_analyzers=${SDK_ANALYZERS:-1}
echo "== $files files, $pairs pairs, work dir $work, SDK analyzers $([ "$sdk_analyzers" = 0 ] && echo off || echo 'on (SDK defaults)'), $(dotnet --version)"

echo "== building AiLint (Release)"
for p in AiLint.Annotations AiLint.Analyzers AiLint.Generators AiLint.CodeFixes; do
  dotnet build "src/$p" -c Release -nologo -v q -clp:NoSummary > /dev/null
done
bin_of() { echo "$root/src/$1/bin/Release/netstandard2.0/$1.dll"; }

rm -rf "$work"; mkdir -p "$work"
dotnet run -c Release --project tests/AiLint.Benchmarks -- --write-corpus "$work/src" --files "$files"

# AiLint's rules default to error; errors would skip emit and make the AiLint build look cheaper. Report them as warnings.
cat > "$work/ailint.globalconfig" <<CFG
is_global = true
dotnet_analyzer_diagnostic.category-AiLint.Reliability.severity = warning
dotnet_analyzer_diagnostic.category-AiLint.Observability.severity = warning
dotnet_analyzer_diagnostic.category-AiLint.Agents.severity = warning
dotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity = warning
dotnet_analyzer_diagnostic.category-AiLint.StructuredOutput.severity = warning
dotnet_analyzer_diagnostic.category-AiLint.Models.severity = warning
CFG

# What a net10.0 project gets by default (Microsoft.NET.Sdk.Analyzers.targets), spelled out, or the rules switched off.
if [ "$sdk_analyzers" = 0 ]; then
  sdk_props="    <EnableNETAnalyzers>false</EnableNETAnalyzers>"
else
  sdk_props="    <EnableNETAnalyzers>true</EnableNETAnalyzers>
    <AnalysisLevel>latest</AnalysisLevel>
    <AnalysisMode>Default</AnalysisMode>"
fi

# Outside the repository, so the repository's Directory.*.props do not apply; the same SDK packages as the tests.
write_project() { # name, extra items
  mkdir -p "$work/$1"
  cat > "$work/$1/Bench.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <NoWarn>\$(NoWarn);OPENAI001;OPENAI002;MEAI001;SCME0001;SCME0002;MCPEXP001;MCPEXP002;NU1603;NU1608</NoWarn>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <!-- Many warnings would make console logging part of the measurement. -->
    <WarningLevel>0</WarningLevel>
$sdk_props
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../src/**/*.cs" />
    <Reference Include="$(bin_of AiLint.Annotations)" />
    <PackageReference Include="OpenAI" Version="2.15.0" />
    <PackageReference Include="Anthropic" Version="13.12.0" />
    <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
    <PackageReference Include="Polly" Version="8.9.1" />
    <PackageReference Include="OpenTelemetry.Api" Version="1.20.1" />
    <PackageReference Include="ModelContextProtocol" Version="2.3.1" />
  </ItemGroup>
$2
</Project>
PROJ
}

write_project baseline ""
# Wired as the AiLint package wires itself: the three analyzer assemblies and the eval files as AdditionalFiles.
write_project ailint "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Analyzers)\" />
    <Analyzer Include=\"$(bin_of AiLint.CodeFixes)\" />
    <Analyzer Include=\"$(bin_of AiLint.Generators)\" />
    <AdditionalFiles Include=\"../src/**/*.evals.jsonl\" />
    <GlobalAnalyzerConfigFiles Include=\"../ailint.globalconfig\" />
  </ItemGroup>"
variants=(ailint)
if [ -n "${SPLIT:-}" ]; then
  write_project ailint-analyzers "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Analyzers)\" />
    <Analyzer Include=\"$(bin_of AiLint.CodeFixes)\" />
    <AdditionalFiles Include=\"../src/**/*.evals.jsonl\" />
    <GlobalAnalyzerConfigFiles Include=\"../ailint.globalconfig\" />
  </ItemGroup>"
  write_project ailint-generator "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Generators)\" />
  </ItemGroup>"
  variants+=(ailint-analyzers ailint-generator)
fi
if [ -n "${NO_SUMMARY:-}" ]; then
  printf 'is_global = true\nbuild_property.AiLintProjectSummary = false\n' > "$work/nosummary.globalconfig"
  write_project ailint-nosummary "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Analyzers)\" />
    <Analyzer Include=\"$(bin_of AiLint.CodeFixes)\" />
    <Analyzer Include=\"$(bin_of AiLint.Generators)\" />
    <AdditionalFiles Include=\"../src/**/*.evals.jsonl\" />
    <GlobalAnalyzerConfigFiles Include=\"../ailint.globalconfig\" />
    <GlobalAnalyzerConfigFiles Include=\"../nosummary.globalconfig\" />
  </ItemGroup>"
  variants+=(ailint-nosummary)
  # The rules alone: the analyzer assembly with its project summary generator off, no schema generator. Beside
  # "ailint-analyzers" (SPLIT=1) it separates the rules' share from the summary generator's in one paired run.
  write_project ailint-rules "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Analyzers)\" />
    <Analyzer Include=\"$(bin_of AiLint.CodeFixes)\" />
    <AdditionalFiles Include=\"../src/**/*.evals.jsonl\" />
    <GlobalAnalyzerConfigFiles Include=\"../ailint.globalconfig\" />
    <GlobalAnalyzerConfigFiles Include=\"../nosummary.globalconfig\" />
  </ItemGroup>"
  variants+=(ailint-rules)
fi
if [ -n "${GENERATOR_VS_STJ:-}" ]; then
  # One context for every [LlmSchema] type of the corpus ("namespace X;" then "public partial record Y" after [LlmSchema]).
  mkdir -p "$work/stj"
  {
    echo "using System.Text.Json.Serialization;"
    echo "namespace Corpus.Stj;"
    for f in "$work"/src/Generated/*.cs; do
      awk '/^namespace / {ns=$2; sub(/;$/, "", ns)} schema && /partial (record|class|struct)/ {for (i=1;i<=NF;i++) if ($i ~ /^(record|class|struct)$/) {n=$(i+1); sub(/[({].*/, "", n); print "[JsonSerializable(typeof(global::" ns "." n "))]"}} {schema = ($0 ~ /\[LlmSchema\]/)}' "$f"
    done
    echo "internal sealed partial class BenchJsonContext : JsonSerializerContext { }"
  } > "$work/stj/BenchJsonContext.cs"
  stj_types=$(grep -c JsonSerializable "$work/stj/BenchJsonContext.cs" || true)
  echo "== stj: $stj_types [JsonSerializable] types (one per [LlmSchema] type)"
  write_project stj "  <ItemGroup>
    <Compile Include=\"BenchJsonContext.cs\" />
  </ItemGroup>"
  [ -n "${SPLIT:-}" ] || { write_project ailint-generator "  <ItemGroup>
    <Analyzer Include=\"$(bin_of AiLint.Generators)\" />
  </ItemGroup>"; variants+=(ailint-generator); }
  variants+=(stj)
fi
if [ -z "${SKIP_MEZIANTOU:-}" ]; then
  write_project meziantou "  <ItemGroup>
    <PackageReference Include=\"Meziantou.Analyzer\" Version=\"$mez_version\" PrivateAssets=\"all\" />
  </ItemGroup>"
  if dotnet restore "$work/meziantou/Bench.csproj" -nologo -v q > "$work/mez-restore.log" 2>&1; then
    variants+=(meziantou)
    echo "== Meziantou.Analyzer $mez_version restored"
  else
    echo "== Meziantou.Analyzer $mez_version did not restore (see $work/mez-restore.log); set MEZIANTOU_VERSION"
  fi
fi

if [ -n "${ONLY:-}" ]; then
  kept=()
  for v in "${variants[@]}"; do [[ " $ONLY " == *" $v "* ]] && kept+=("$v"); done
  variants=("${kept[@]}")
fi
echo "== variants: baseline ${variants[*]}"

for v in baseline "${variants[@]}"; do
  dotnet restore "$work/$v/Bench.csproj" -nologo -v q > /dev/null
  dotnet build "$work/$v/Bench.csproj" --no-restore -nologo -v q -clp:NoSummary > /dev/null || { echo "warm-up build of $v failed"; exit 1; }
done

server_id=""
if [ -n "${SERVER:-}" ]; then
  # A compiler server of the benchmark's own (its pipe is named after SharedCompilationId): other builds on the machine
  # do not compile in it, so the CPU time it spends between two reads is the compile being measured.
  server_id="ailint-bench-$$"
  cold_flags=(-p:UseSharedCompilation=true "-p:SharedCompilationId=$server_id")
  echo "== compiler server: on (warm inner-loop rebuilds), its own: $server_id"
  trap 'pkill -f -- "-pipename:$server_id" || true' EXIT
else
  cold_flags=(--disable-build-servers -p:UseSharedCompilation=false)
fi

# CPU time (user + system, ms) the benchmark's own compiler server has used so far; 0 without one. Unlike the wall
# times it does not grow while the compile waits for a core, so on a loaded machine it is the steadier figure.
server_cpu_ms() {
  local pid
  [ -n "$server_id" ] && pid=$(pgrep -f -- "-pipename:$server_id" | head -1) && [ -n "$pid" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat"
}

# One build; prints "<wall ms> <Csc task ms> <compiler server CPU ms, 0 without SERVER=1>".
cold_build() {
  local log="$work/$1.last.log" start end cpu_before
  cpu_before=$(server_cpu_ms)
  start=$(date +%s%N)
  dotnet build "$work/$1/Bench.csproj" --no-restore --no-incremental "${cold_flags[@]}" \
    -nologo -v q -clp:PerformanceSummary > "$log" 2>&1 || { cat "$log"; echo "build of $1 failed" >&2; exit 1; }
  end=$(date +%s%N)
  local csc
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | tail -1 | awk '{print $1}')
  echo "$(( (end - start) / 1000000 )) ${csc:-0} $(( $(server_cpu_ms) - cpu_before ))"
}

# The first compile through the benchmark's server starts it and JIT-compiles the compiler and each analyzer: one
# discarded build per variant, so every measured build meets a warm server.
if [ -n "$server_id" ]; then
  for v in baseline "${variants[@]}"; do cold_build "$v" > /dev/null; done
fi

# Rules = distinct AILxxxx descriptors AiLint's analyzers report (docs/rules has one page per rule).
rule_count=$(ls docs/rules/AIL*.md 2>/dev/null | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print 0} else if (NR%2) {print a[(NR+1)/2]} else {printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}}'; }

declare -A wall_delta csc_delta cpu_delta base_wall base_csc base_cpu
for v in "${variants[@]}"; do
  : > "$work/$v.pairs"
  for i in $(seq 1 "$pairs"); do
    if (( i % 2 )); then b=$(cold_build baseline); x=$(cold_build "$v"); else x=$(cold_build "$v"); b=$(cold_build baseline); fi
    echo "$b $x" >> "$work/$v.pairs"
    read -r bw bc bcpu <<< "$b"; read -r xw xc xcpu <<< "$x"
    echo "   pair $i $v: baseline $bw ms wall / $bc ms csc / $bcpu ms server CPU, $v $xw ms wall / $xc ms csc / $xcpu ms server CPU"
  done
  # Columns: baseline wall, Csc, server CPU, then the variant's.
  wall_delta[$v]=$(awk '{print $4-$1}' "$work/$v.pairs" | median)
  csc_delta[$v]=$(awk '{print $5-$2}' "$work/$v.pairs" | median)
  cpu_delta[$v]=$(awk '{print $6-$3}' "$work/$v.pairs" | median)
  base_wall[$v]=$(awk '{print $1}' "$work/$v.pairs" | median)
  base_csc[$v]=$(awk '{print $2}' "$work/$v.pairs" | median)
  base_cpu[$v]=$(awk '{print $3}' "$work/$v.pairs" | median)
done

rules_of() { case $1 in ailint|ailint-analyzers|ailint-nosummary|ailint-rules) echo "$rule_count";; *) echo 0;; esac; }
echo
echo "== Median paired delta over $pairs cold builds of $files files"
printf '| variant | baseline build (ms) | baseline Csc (ms) | build delta (ms) | Csc delta (ms) | Csc delta %% | per rule (ms) |\n|---|---|---|---|---|---|---|\n'
for v in "${variants[@]}"; do
  pct=$(awk -v d="${csc_delta[$v]}" -v b="${base_csc[$v]}" 'BEGIN { if (b > 0) printf "%.1f", 100*d/b; else print "n/a" }')
  n=$(rules_of "$v"); per=$( [ "$n" -gt 0 ] && awk -v d="${csc_delta[$v]}" -v n="$n" 'BEGIN { printf "%.0f", d/n }' || echo "-")
  echo "| $v | ${base_wall[$v]} | ${base_csc[$v]} | ${wall_delta[$v]} | ${csc_delta[$v]} | $pct | $per |"
done
echo "(Csc delta per pair: $(for v in "${variants[@]}"; do printf '%s %s; ' "$v" "$(awk '{printf "%s ", $5-$2}' "$work/$v.pairs")"; done))"
if [ -n "$server_id" ]; then
  echo "== Compiler server CPU time (user + system) per compile, median paired delta"
  printf '| variant | baseline CPU (ms) | CPU delta (ms) | CPU delta %% | per pair (ms) |\n|---|---|---|---|---|\n'
  for v in "${variants[@]}"; do
    pct=$(awk -v d="${cpu_delta[$v]}" -v b="${base_cpu[$v]}" 'BEGIN { if (b > 0) printf "%.1f", 100*d/b; else print "n/a" }')
    echo "| $v | ${base_cpu[$v]} | ${cpu_delta[$v]} | $pct | $(awk '{printf "%s ", $6-$3}' "$work/$v.pairs")|"
  done
fi
echo "== load after the pairs: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${GENERATOR_VS_STJ:-}" ]; then
  echo
  echo "== Generated code (EmitCompilerGeneratedFiles=true), per generator: files, lines, non-blank lines, bytes; per type"
  for v in ailint-generator stj; do
    dotnet build "$work/$v/Bench.csproj" --no-incremental -nologo -v q -p:EmitCompilerGeneratedFiles=true > /dev/null 2>&1 || true
    for dir in "$work/$v"/obj/Debug/net10.0/generated/*/*/; do
      [ -d "$dir" ] || continue
      gen=$(basename "$dir")
      n=$(find "$dir" -name '*.cs' | wc -l)
      [ "$n" -gt 0 ] || continue
      lines=$(find "$dir" -name '*.cs' -exec cat {} + | wc -l)
      nonblank=$(find "$dir" -name '*.cs' -exec cat {} + | grep -cv '^\s*$' || true)
      bytes=$(find "$dir" -name '*.cs' -exec cat {} + | wc -c)
      echo "| $v | $gen | $n files | $lines lines | $nonblank non-blank | $bytes bytes | $(awk -v l="$lines" -v t="${stj_types:-1}" 'BEGIN {printf "%.0f", l/t}') lines per [LlmSchema] type |"
    done
  done
fi

echo
echo "== Per-analyzer breakdown (-p:ReportAnalyzer=true, binlog replayed with -v:diag)"
for v in baseline "${variants[@]}"; do
  dotnet build "$work/$v/Bench.csproj" --no-restore --no-incremental --disable-build-servers -p:UseSharedCompilation=false \
    -p:ReportAnalyzer=true -bl:"$work/$v.binlog" -nologo -v q > /dev/null 2>&1 || true
  dotnet msbuild "$work/$v.binlog" -v:diag -noconlog -flp:"logfile=$work/$v.diag.log;verbosity=diagnostic" > /dev/null 2>&1 || true
  echo "--- $v"
  # The compiler prints "Total analyzer execution time", then one line per assembly and analyzer; same for generators.
  grep -E 'Total (analyzer|generator) execution time|^\s*<?[0-9]+\.[0-9]+\s+<?[0-9]+\s+.*(AiLint|Meziantou|NetAnalyzers,|SourceGeneration,|Generators\.)' "$work/$v.diag.log" | sed -e 's/^ *//' -e 's/ (TaskId:[0-9]*)$//' | awk '!seen[$0]++ && n++ < 45' || true
done
