// AiLint package-consumer check: this [LlmSchema] type is not partial, so the build reports AIL0402,
// and `dotnet format analyzers --diagnostics AIL0402` fixes it by adding `partial`.
using AiLint;

namespace ConsumerCheck;

[LlmSchema]
public sealed record Verdict(string Answer, bool Confident);
