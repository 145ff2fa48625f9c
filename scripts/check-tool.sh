#!/usr/bin/env bash
# Packs the `ailint` .NET tool (package AiLint.Tool), installs it from the local folder into a temporary tool path,
# and runs both commands on samples/SupportAssistant, checking exit codes, the BOM's content and determinism.
# Usage: bash scripts/check-tool.sh   (from anywhere; run by .ci/run). Needs the .NET SDK and python3.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fail() { echo "check-tool: FAIL: $*" >&2; exit 1; }

feed="$root/artifacts/tool"
rm -rf "$feed"
dotnet pack src/AiLint.Tool -c Release -o "$feed" -nologo
pkg=$(ls "$feed"/AiLint.Tool.*.nupkg | head -n 1)
version=$(basename "$pkg" .nupkg); version=${version#AiLint.Tool.}
echo "packed $pkg (version $version)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private packages folder, so an AiLint.Tool of the same version cached by an earlier run can never be installed.
NUGET_PACKAGES="$work/packages" dotnet tool install --tool-path "$work/tools" --add-source "$feed" AiLint.Tool --version "$version"
ailint="$work/tools/ailint"
sample="$root/samples/SupportAssistant/SupportAssistant.csproj"

# Exit codes per docs/design/contract.md: 0 success, 1 input cannot be loaded, 2 bad arguments.
set +e
"$ailint" bom > /dev/null 2>&1; [ $? -eq 2 ] || fail "missing argument must exit 2"
"$ailint" bom "$work/NoSuch.csproj" > /dev/null 2>&1; [ $? -eq 1 ] || fail "missing project must exit 1"
set -e

"$ailint" coverage "$sample" -o "$work/coverage.md"
head -n 1 "$work/coverage.md" | grep -qx "# Prompt eval coverage: SupportAssistant" || fail "coverage report header"
grep -q "^## support.refunds$" "$work/coverage.md" || fail "coverage report lacks support.refunds"

"$ailint" bom "$sample" -o "$work/bom.json"
"$ailint" bom "$sample" -o "$work/bom2.json"
cmp -s "$work/bom.json" "$work/bom2.json" || fail "bom output is not deterministic"
"$ailint" bom "$sample" --format md > "$work/bom.md"
grep -q "^# AI bill of materials: SupportAssistant$" "$work/bom.md" || fail "markdown summary header"

python3 - "$work/bom.json" <<'PY'
import json, re, sys
bom = json.load(open(sys.argv[1]))
def check(ok, what):
    if not ok:
        sys.exit(f"check-tool: FAIL: {what}")
check(bom.get("bomFormat") == "CycloneDX" and bom.get("specVersion") == "1.6" and bom.get("version") == 1, "bomFormat/specVersion/version")
check(re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", bom["serialNumber"]), "serialNumber")
check("timestamp" not in bom["metadata"], "no timestamp without --timestamp")
check(bom["metadata"]["component"]["name"] == "SupportAssistant", "root component is the project")
types = {"application", "framework", "library", "container", "platform", "operating-system", "device", "device-driver",
         "firmware", "file", "machine-learning-model", "data", "cryptographic-asset"}
components = bom["components"]
check(all(c["type"] in types and c.get("name") for c in components), "component type and name")
refs = [bom["metadata"]["component"]["bom-ref"]] + [c["bom-ref"] for c in components] + [s["bom-ref"] for s in bom["services"]]
check(len(refs) == len(set(refs)), "bom-refs are unique")
for d in bom["dependencies"]:
    check(d["ref"] in refs and all(t in refs for t in d.get("dependsOn", [])), f"dependency {d['ref']} refers to bom-refs")
purls = {c.get("purl") for c in components if c["type"] == "library"}
check({"pkg:nuget/OpenAI@2.15.0", "pkg:nuget/Anthropic@13.15.0", "pkg:nuget/ModelContextProtocol@2.4.0"} <= purls, f"SDK packages: {sorted(purls)}")
models = {c["bom-ref"] for c in components if c["type"] == "machine-learning-model"}
check({"model:openai/gpt-4o-mini", "model:anthropic/claude-haiku-4-5", "model:openai/gpt-4o", "model:openai/gpt-6-astra"} <= models, f"models: {sorted(models)}")
# The model table's facts reach the BOM: gpt-4o is a floating alias in the shipped table.
gpt4o = next(c for c in components if c["bom-ref"] == "model:openai/gpt-4o")
check(any(p["name"] == "ailint:model:pinned" and p["value"] == "false" for p in gpt4o.get("properties", [])), f"gpt-4o pinned flag: {gpt4o.get('properties')}")
# A snapshot row is pinned; the only values are true, false (the table's alias rows) and unknown (ids it does not list).
astra = next(c for c in components if c["bom-ref"] == "model:openai/gpt-6-astra")
check(any(p["name"] == "ailint:model:pinned" and p["value"] == "true" for p in astra.get("properties", [])), f"gpt-6-astra pinned flag: {astra.get('properties')}")
check(all(p["value"] in ("true", "false", "unknown") for c in components for p in c.get("properties", []) if p["name"] == "ailint:model:pinned"), "ailint:model:pinned values")
# The project's own model file (Models/team.ailint-models.json) reaches the BOM too, as AIL0503 reads it in the build.
triage = next(c for c in components if c["bom-ref"] == "model:openai/contoso-triage-v1")
triage_props = {p["name"]: p["value"] for p in triage.get("properties", [])}
check(triage_props.get("ailint:model:deprecation", "").startswith("retired (shutdown 2026-01-31") and triage_props.get("ailint:model:pinned") == "true", f"contoso-triage-v1 facts: {triage_props}")
check(all(any(p["name"] == "ailint:model:kind" and p["value"] == "model-id" for p in c["properties"]) for c in components if c["type"] == "machine-learning-model"), "every sample model is a model id")
prompts = {c["name"]: {p["name"]: p["value"] for p in c["properties"]} for c in components if c["type"] == "data"}
check(prompts.get("support.refunds", {}).get("ailint:prompt:coverage") == "no-cases", "support.refunds has no cases")
check(prompts.get("SupportAssistant.Prompts.SupportPrompts.Triage", {}).get("ailint:prompt:coverage") == "partial", "Triage is partly covered")
# Every prompt whose text a build knows has its SHA-256; one assembled at run time with data (NightlyDigest) has none.
check(all(any(h["alg"] == "SHA-256" and len(h["content"]) == 64 for h in c.get("hashes", [])) for c in components if c["type"] == "data" and prompts[c["name"]].get("ailint:prompt:coverage") != "not-constant"), "prompt hashes")
check(prompts.get("SupportAssistant.Retry.NightlyDigest.SummarizeDayAsync", {}).get("ailint:prompt:coverage") == "not-constant", "NightlyDigest's run-time prompt is not-constant")
endpoints = {e for s in bom["services"] for e in s.get("endpoints", [])}
check({"http://localhost:5100/mcp", "http://localhost:5200/mcp", "https://api.githubcopilot.com/mcp/"} <= endpoints, f"MCP servers: {sorted(endpoints)}")
print(f"check-tool: bom ok: {len(purls)} SDK packages, {len(models)} models, {len(prompts)} prompts, {len(bom['services'])} MCP servers")
PY
echo "check-tool: ok (AiLint.Tool $version)"
