// C# 7.3 on .NET Framework 4.7.2: the generated parser, schema and Microsoft.Extensions.AI binding must compile.
using System;
using System.Collections.Generic;
using AiLint;

namespace NetFrameworkCheck
{
    public enum Outcome { Approve, Reject }

    public struct Score
    {
        public Score(int value, string reason)
        {
            Value = value;
            Reason = reason;
        }

        public int Value { get; }

        public string Reason { get; }
    }

    [LlmSchema]
    public partial class Verdict
    {
        public Outcome Outcome { get; set; }

        public Score? Score { get; set; }

        public IReadOnlyList<string> Reasons { get; set; }

        public DateTimeOffset DecidedAt { get; set; }

        public Guid Id { get; set; }
    }

    public static class VerdictUse
    {
        public static Verdict Read(string json) => Verdict.ParseLlmJson(json, LlmProvider.Gemini, LlmParseMode.Coerce);

        public static bool TryRead(string json, out Verdict value, out IReadOnlyList<SchemaViolation> violations) =>
            Verdict.TryParseLlmJson(json, LlmProvider.OpenAI, LlmParseMode.Strict, out value, out violations);

        public static object Format() => Verdict.CreateChatResponseFormat(LlmProvider.Anthropic);
    }
}
