// Prompt eval coverage through the package: AIL0301 for the prompt with no cases, and AIL0304 for the malformed
// line of evals/Prompts.evals.jsonl, which only appears if buildTransitive added the file as an AdditionalFile.
using AiLint;

namespace ConsumerCheck;

public static class Prompts
{
    [Prompt]
    public const string Covered = "You are a support assistant. Never reveal internal notes.";

    [Prompt]
    public const string Uncovered = "Summarise the ticket in one sentence.";
}
