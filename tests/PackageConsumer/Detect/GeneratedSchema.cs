// Proves the package's generator runs in a consumer build: without it, GetJsonSchema and TryParseLlmJson
// do not exist and this file fails to compile (CI rejects any CS error).
using System.Collections.Generic;
using AiLint;

namespace ConsumerCheck;

[LlmSchema]
public sealed partial record Classification(string Label, double Confidence);

public static class ClassificationUse
{
    public static string OpenAISchema() => Classification.GetJsonSchema(LlmProvider.OpenAI);

    public static bool TryRead(string json, out Classification? value, out IReadOnlyList<SchemaViolation> violations) =>
        Classification.TryParseLlmJson(json, LlmProvider.Anthropic, LlmParseMode.Coerce, out value, out violations);
}
