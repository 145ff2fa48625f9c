using System;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers
{
    /// <summary>Every AiLint diagnostic descriptor, built through one factory that fills the help link.</summary>
    internal static class Descriptors
    {
        // ---- Reliability: retries ----

        public static readonly DiagnosticDescriptor AIL0001 = Create(
            RuleIds.RetriedCallWithoutIdempotencyKey,
            RuleCategories.Reliability,
            DiagnosticSeverity.Error,
            "LLM call inside a retry has no idempotency key",
            "'{0}' is retried by '{1}' without an idempotency key; each attempt samples a new answer and repeats its side effects",
            "A retry re-sends the request: the model samples a different answer and every side effect of the call runs again. Create an idempotency key once, before the retry, and pass it to the call (an [IdempotencyKey] parameter or property, an Idempotency-Key header), or consult a first-result store with that key inside the retried code.");

        public static readonly DiagnosticDescriptor AIL0002 = Create(
            RuleIds.StreamingCallInsideRetry,
            RuleCategories.Reliability,
            DiagnosticSeverity.Error,
            "Streaming LLM call inside a retry",
            "Streaming call '{0}' is retried by '{1}'; a retry replaces an answer the user has already partly seen",
            "When a streaming call fails midway and is retried, the tokens already shown to the user are followed by a different, freshly sampled answer. Retry only the connection (before the first token), or surface the failure and let the user retry.");

        public static readonly DiagnosticDescriptor AIL0003 = Create(
            RuleIds.RetryOverSdkBuiltInRetries,
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            "Retry wraps an SDK client that already retries",
            "'{1}' retries '{0}', whose {2} client already retries on its own ({3}); attempts multiply: {4}",
            "The OpenAI .NET SDK retries failed requests 3 times and the Anthropic .NET SDK 2 times by default, POSTs included. A retry around such a call multiplies the attempts. Disable the SDK's retries where you retry yourself, or drop your own retry.");

        public static readonly DiagnosticDescriptor AIL0004 = Create(
            RuleIds.IdempotencyKeyCreatedInsideRetry,
            RuleCategories.Reliability,
            DiagnosticSeverity.Error,
            "Idempotency key is created inside the retried code",
            "The idempotency key for '{0}' is created inside the code retried by '{1}'; every attempt gets a new key, so it deduplicates nothing",
            "An idempotency key identifies one logical request across its attempts. Created inside the retried delegate or loop body, it changes on every attempt and the server cannot recognise a retry. Create it once, before the retry.");

        // ---- Observability: span timestamps ----

        public static readonly DiagnosticDescriptor AIL0101 = Create(
            RuleIds.SpanTimestampFromClient,
            RuleCategories.Observability,
            DiagnosticSeverity.Error,
            "Span timestamp comes from a client-supplied value",
            "The timestamp passed to '{0}' comes from {1}, a client-supplied value; stamp spans with the server clock and record the client's time as a tag",
            "A client clock (browser, phone, desktop app) is not synchronised with the server. Spans stamped with it land in a timeline that never happened: the model call starts before the user pressed send. Use the server clock for span times and keep the client's value as a tag so the skew stays visible.");

        public static readonly DiagnosticDescriptor AIL0102 = Create(
            RuleIds.NonUtcDateTimeToActivityTime,
            RuleCategories.Observability,
            DiagnosticSeverity.Error,
            "Non-UTC DateTime passed to Activity.SetStartTime/SetEndTime (silently ignored)",
            "'{0}' ignores this value: {1} is not a DateTime of Kind Utc, so the span keeps its original time",
            "Activity.SetStartTime and SetEndTime silently ignore a DateTime whose Kind is not Utc: nothing is thrown, the span keeps its original time and its Duration stays 0. DateTime.Now, DateTime.Parse of a '...Z' string (Kind Local) and DateTimeOffset.DateTime are all ignored.");

        // ---- Agents: tool catalogs ----

        public static readonly DiagnosticDescriptor AIL0201 = Create(
            RuleIds.ToolCatalogExceedsCap,
            RuleCategories.Agents,
            DiagnosticSeverity.Error,
            "Tool catalog exceeds the tool cap",
            "This tool catalog holds {0} tools, over the cap of {1} (ailint.max_tools){2}",
            "Tool-selection accuracy falls as a model is offered more tools. Keep each request's catalog under the cap: select tools per turn, use tool search, or split the agent.");

        public static readonly DiagnosticDescriptor AIL0202 = Create(
            RuleIds.ToolCatalogFromUnboundedSource,
            RuleCategories.Agents,
            DiagnosticSeverity.Error,
            "Tool catalog filled from an unbounded source",
            "This tool catalog is filled from {0}, which can hold any number of tools; cap it (at most {1}) or filter it with a fixed allow-list",
            "A catalog filled from an MCP server's whole tool list, from reflection or from an injected registry grows whenever someone adds a tool elsewhere, and tool-selection accuracy falls with it. Cap the source, filter it against a fixed allow-list, or select tools per turn.");

        // ---- Evaluation: prompt eval coverage ----

        public static readonly DiagnosticDescriptor AIL0301 = Create(
            RuleIds.PromptWithoutEvalCases,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Error,
            "Prompt has no eval cases",
            "Prompt '{0}' has no eval cases; add a case with \"prompt\":\"{0}\", an input and an expectation to a *.evals.jsonl file",
            "A prompt without eval cases can be edited without anyone knowing what the edit broke. Add at least one case with a non-empty input and expectation (todo cases do not count).");

        public static readonly DiagnosticDescriptor AIL0302 = Create(
            RuleIds.PromptChangedSinceEvalsPassed,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Warning,
            "Prompt changed since its eval cases last passed",
            "Prompt '{0}' changed since its eval cases last passed (none of {1} recorded pass(es) is for the current text, sha256 {2})",
            "The eval cases recorded passing against an earlier text of this prompt. Re-run the evals and record the pass against the current text.");

        public static readonly DiagnosticDescriptor AIL0303 = Create(
            RuleIds.PromptInstructionNotCovered,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Info,
            "Prompt instruction not covered by an eval case",
            "Instruction \"{0}\" of prompt '{1}' is not exercised by any eval case's \"rule\"",
            "Each instruction of a prompt should be exercised by at least one eval case whose \"rule\" quotes it, so an edit that breaks it is caught.");

        public static readonly DiagnosticDescriptor AIL0304 = Create(
            RuleIds.MalformedEvalCase,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Error,
            "Malformed eval case",
            "Malformed eval case: {0}",
            "Each non-blank line of a *.evals.jsonl file that is not a // comment must be a JSON object with string \"prompt\" and \"id\" fields. The other lines of the file still count.");

        // ---- Structured output: schema types ----

        public static readonly DiagnosticDescriptor AIL0401 = Create(
            RuleIds.SchemaNotExpressibleForProvider,
            RuleCategories.StructuredOutput,
            DiagnosticSeverity.Error,
            "Schema type cannot be expressed for a targeted provider",
            "{0} cannot express '{1}': {2}",
            "Each provider accepts a different JSON-schema subset. A construct outside a targeted provider's subset is rejected by its API or silently ignored.");

        public static readonly DiagnosticDescriptor AIL0402 = Create(
            RuleIds.SchemaTypeMustBePartial,
            RuleCategories.StructuredOutput,
            DiagnosticSeverity.Error,
            "[LlmSchema] type must be partial",
            "[LlmSchema] type '{0}' must be partial so AiLint can generate its schema and parser",
            "The generator adds GetJsonSchema, TryParseLlmJson and ParseLlmJson to the type itself, which needs the type and every type containing it to be declared partial.");

        public static readonly DiagnosticDescriptor AIL0403 = Create(
            RuleIds.SchemaExceedsProviderLimit,
            RuleCategories.StructuredOutput,
            DiagnosticSeverity.Error,
            "Schema exceeds a provider limit",
            "{0}: schema of '{1}' {2}",
            "Providers cap the size of structured-output schemas (OpenAI: nesting depth, property and enum-value counts; Anthropic: optional and union parameters per request). A schema over a limit is rejected.");

        private static DiagnosticDescriptor Create(
            string id,
            string category,
            DiagnosticSeverity severity,
            string title,
            string messageFormat,
            string description,
            params string[] customTags)
        {
            if (string.IsNullOrWhiteSpace(description))
            {
                throw new ArgumentException("Every AiLint rule needs a description.", nameof(description));
            }

            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinks.For(id),
                customTags: customTags);
        }
    }
}
