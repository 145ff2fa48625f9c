// AiLint package-consumer check for the eval scaffold fix: AIL0301 (Uncovered has no eval case) and AIL0303
// ("You should be brief." has none; "You must not reveal internal notes." already has a todo case, so that AIL0303
// offers no fix). `dotnet format analyzers` appends todo cases to evals/Prompts.evals.jsonl. Todo cases never count
// as coverage, so both diagnostics stay (.editorconfig makes them warnings here) and CI checks the cases instead.
using AiLint;

namespace FixCheck;

public static class Prompts
{
    [Prompt]
    public const string Covered = "You must not reveal internal notes. You must answer in English. You should be brief.";

    [Prompt]
    public const string Uncovered = "Summarise the ticket in one sentence.";
}
