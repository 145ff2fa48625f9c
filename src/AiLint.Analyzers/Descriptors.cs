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

        // AIL0202's message for reflection over a type the project declares (typeof(MyTools), or the run-time type of a
        // sealed class): its methods are fixed at compile time, so "any number of tools" would be untrue; what grows the
        // catalog is a method added to that type, which {2} names. Not a rule of its own (same id, category, severity and
        // title), so internal and not in the rule table.
        internal static readonly DiagnosticDescriptor AIL0202ReflectedProjectType = Create(
            RuleIds.ToolCatalogFromUnboundedSource,
            RuleCategories.Agents,
            DiagnosticSeverity.Error,
            "Tool catalog filled from an unbounded source",
            "This tool catalog is filled from {0}, which grows with {2}; cap it (at most {1}) or filter it with a fixed allow-list",
            "A catalog made by reflection over a class turns every method added to that class into a tool, with no change to the code that builds the catalog and no review of what the model now sees. Cap the source, filter it against a fixed allow-list, or select tools per turn.");

        // ---- Evaluation: prompt eval coverage ----

        public static readonly DiagnosticDescriptor AIL0301 = Create(
            RuleIds.PromptWithoutEvalCases,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Error,
            "Prompt has no eval cases",
            "Prompt '{0}' has no eval cases; add a case with \"prompt\":\"{0}\", an \"id\", an \"input\" and an \"expect\" to a *.evals.jsonl file",
            "A prompt without eval cases can be edited without anyone knowing what the edit broke. Add at least one case with the prompt's id in \"prompt\", an \"id\" of its own, and a non-empty \"input\" and \"expect\" (todo cases do not count).");

        public static readonly DiagnosticDescriptor AIL0302 = Create(
            RuleIds.PromptChangedSinceEvalsPassed,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Warning,
            "Prompt changed since its eval cases last passed",
            "Prompt '{0}' changed since its eval cases last passed (none of {1} recorded pass(es) is for the current text, sha256 {2})",
            "The eval cases recorded passing against an earlier text of this prompt. Re-run the evals and record the pass against the current text.");

        // AIL0302's message for a text of an id that holds several (switch arms): not a rule of its own (same id,
        // category and severity), so internal and not in the rule table. Its text never says "changed" (review87 D1).
        internal static readonly DiagnosticDescriptor AIL0302OneOfSeveralTexts = Create(
            RuleIds.PromptChangedSinceEvalsPassed,
            RuleCategories.Evaluation,
            DiagnosticSeverity.Warning,
            "Prompt text has no recorded eval pass",
            "Prompt '{0}' holds {1} texts; {2}: run a case on this text and record its pass (sha256 {3})",
            "One prompt id holds several texts (the arms of a switch, the branches of ?:) and each needs a pass recorded against it. Run an eval case with this text and record the pass with its text; passes recorded for the id's other texts do not count for it.");

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

        // ---- Models: model ids and the parameters a model accepts ----

        public static readonly DiagnosticDescriptor AIL0501 = Create(
            RuleIds.ModelIdIsFloatingAlias,
            RuleCategories.Models,
            DiagnosticSeverity.Warning,
            "Model id is a floating alias",
            "Model id '{0}' is a floating alias{1}; pin a dated snapshot so the model does not change under you",
            "The provider moves an alias to a new snapshot without notice: eval results and bug reports then describe a model nobody serves any more. Pin the dated snapshot you evaluated.");

        public static readonly DiagnosticDescriptor AIL0502 = Create(
            RuleIds.ModelIsDeprecated,
            RuleCategories.Models,
            DiagnosticSeverity.Warning,
            "Model is deprecated (a shutdown date is announced)",
            "Model '{0}' is deprecated and shuts down on {1}{2}",
            "The provider has announced a shutdown date for this model; after it, calls fail. Move to a replacement before then.");

        public static readonly DiagnosticDescriptor AIL0503 = Create(
            RuleIds.ModelIsRetired,
            RuleCategories.Models,
            DiagnosticSeverity.Error,
            "Model is retired (calls to it fail)",
            "Model '{0}' was shut down on {1}; calls to it fail{2}",
            "The provider shut this model down on or before the date AiLint's model table was compiled. Requests naming it fail.");

        public static readonly DiagnosticDescriptor AIL0504 = Create(
            RuleIds.ParameterRejectedByModel,
            RuleCategories.Models,
            DiagnosticSeverity.Error,
            "Request sets a parameter the model rejects",
            "'{0}' is a reasoning model and rejects {1} other than its default; remove this setting",
            "Reasoning models reject temperature, top_p, penalties and logprobs other than their defaults: the request fails with a 400.");

        public static readonly DiagnosticDescriptor AIL0505 = Create(
            RuleIds.TemperatureAndTopPBothSet,
            RuleCategories.Models,
            DiagnosticSeverity.Warning,
            "Both temperature and top_p are set",
            "'{0}' rejects a request that sets both temperature and top_p; keep only one",
            "Some models reject a request that sets temperature and top_p together. Set only one of them.");

        public static readonly DiagnosticDescriptor AIL0506 = Create(
            RuleIds.MalformedModelTableFile,
            RuleCategories.Models,
            DiagnosticSeverity.Error,
            "Malformed model table file",
            "Malformed model table file: {0}",
            "A *.ailint-models.json file must be a JSON object with a \"models\" array of rows, each with string \"provider\" and \"id\" fields. The file's well-formed rows still count.");

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
