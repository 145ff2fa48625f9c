// C# 7.3 throughout: block namespaces, no records, no nullable annotations. Every generated member is called, so
// a generated file that needs a newer language version fails this build.
using System.Collections.Generic;
using System.ComponentModel;
using AiLint;

namespace LegacyCheck
{
    public enum Urgency { Low, High }

    public class Address
    {
        public string City { get; set; }

        public int? Zip { get; set; }
    }

    [LlmSchema("ticket_triage")]
    [Description("Triage of one support ticket.")]
    public partial class Triage
    {
        public string Summary { get; set; }

        public Urgency Urgency { get; set; }

        public Urgency? Escalation { get; set; }

        public double? Confidence { get; set; }

        public Address Customer { get; set; }

        public List<string> Tags { get; set; }
    }

    /// <summary>Recursion is fine for OpenAI ($defs); targeting only OpenAI keeps AIL0401 quiet.</summary>
    [LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
    public partial class Category
    {
        public string Name { get; set; }

        public Category[] Children { get; set; }
    }

    public static class TriageUse
    {
        public static string Schema() => Triage.GetJsonSchema(LlmProvider.OpenAI) + Category.GetJsonSchema(LlmProvider.OpenAI);

        public static bool TryRead(string json, out Triage value, out IReadOnlyList<SchemaViolation> violations) =>
            Triage.TryParseLlmJson(json, LlmProvider.Anthropic, LlmParseMode.Coerce, out value, out violations);

        public static Category Read(string json) => Category.ParseLlmJson(json, LlmProvider.OpenAI);

        public static object[] Bindings() => new object[]
        {
            Triage.CreateOpenAIResponseFormat(),
            Triage.CreateChatResponseFormat(LlmProvider.Gemini),
            Triage.CreateAnthropicOutputConfig(),
            Triage.CreateAnthropicTool(),
        };
    }
}
