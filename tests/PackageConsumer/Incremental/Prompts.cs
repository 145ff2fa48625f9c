// The only prompt of this project; its only eval case is in evals/Prompts.evals.jsonl (see Incremental.csproj).
using AiLint;

namespace IncrementalCheck;

public static class Prompts
{
    [Prompt]
    public const string Triage = "Classify the ticket as billing, bug or other.";
}
