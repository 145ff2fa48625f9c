using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The project summaries (<see cref="SummaryKeys"/>) of the assemblies a compilation references: which of their
    /// methods call a model and which retry a delegate parameter. Read once per compilation, on first use.
    /// </summary>
    internal sealed class ReferencedSummaries
    {
        private static readonly ConditionalWeakTable<Compilation, ReferencedSummaries> Cache = new();

        private static readonly ReferencedSummaries None = new(new Dictionary<string, LlmCallKind>(), new Dictionary<string, int[]>(), new Dictionary<string, int[]>(), new HashSet<string>());

        // Keyed by "assembly name|documentation id": two references may declare the same type name.
        private readonly Dictionary<string, LlmCallKind> llmCalls;
        private readonly Dictionary<string, int[]> retryMethods;

        // "assembly|docId|ordinal" → the delegate's parameters the helper hands per-attempt values (RetryMethod's `0:0` form).
        private Dictionary<string, int[]> retryPerAttempt = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> promptParameters;
        private readonly HashSet<string> pipelineFactoriesWithoutRetry;
        private HashSet<string> httpDefaultsRetries = new(StringComparer.Ordinal);

        // Pipeline key → the attempts of its retry (KeyedRetryPipeline): not by assembly, the key names one pipeline of the container.
        private Dictionary<string, int> keyedRetryPipelines = new(StringComparer.Ordinal);

        private ReferencedSummaries(Dictionary<string, LlmCallKind> llmCalls, Dictionary<string, int[]> retryMethods, Dictionary<string, int[]> promptParameters, HashSet<string> pipelineFactoriesWithoutRetry)
        {
            this.llmCalls = llmCalls;
            this.retryMethods = retryMethods;
            this.promptParameters = promptParameters;
            this.pipelineFactoriesWithoutRetry = pipelineFactoriesWithoutRetry;
        }

        public bool HasLlmCalls => llmCalls.Count > 0;

        /// <summary>True when a referenced project recorded a method that puts a parameter into a system/instruction slot.</summary>
        public bool HasPromptParameters => promptParameters.Count > 0;

        /// <summary>The simple names of the methods recorded with prompt parameters.</summary>
        public IEnumerable<string> PromptParameterMethodNames => SimpleNames(promptParameters.Keys);

        /// <summary>The simple names of the recorded LLM wrappers (from <c>M:Namespace.Type.Name``1(...)</c>).</summary>
        public IEnumerable<string> LlmCallMethodNames => SimpleNames(llmCalls.Keys);

        private static IEnumerable<string> SimpleNames(IEnumerable<string> keys)
        {
            foreach (var key in keys)
            {
                var id = key.Substring(key.IndexOf('|') + 1);
                var end = id.IndexOf('(');
                var path = end < 0 ? id : id.Substring(0, end);
                var name = path.Substring(path.LastIndexOf('.') + 1);
                var arity = name.IndexOf('`');
                yield return arity < 0 ? name : name.Substring(0, arity);
            }
        }

        /// <summary>True when a referenced project recorded a method that gives every factory HttpClient a POST-retrying handler.</summary>
        public bool HasHttpDefaultsRetries => httpDefaultsRetries.Count > 0;

        /// <summary>The simple names of those methods (<c>AddServiceDefaults</c>).</summary>
        public IEnumerable<string> HttpDefaultsRetryMethodNames => SimpleNames(httpDefaultsRetries);

        /// <summary>
        /// True when a referenced project recorded that <paramref name="method"/> configures the HttpClient factory's
        /// defaults with a standard resilience handler that retries POSTs (<see cref="SummaryKeys.HttpDefaultsRetry"/>).
        /// </summary>
        public bool ConfiguresRetryingHttpDefaults(IMethodSymbol method) =>
            httpDefaultsRetries.Count > 0 && KeyOf(method) is { } key && httpDefaultsRetries.Contains(key);

        public static ReferencedSummaries For(Compilation compilation) => Cache.GetValue(compilation, Read);

        /// <summary>
        /// The attempts a referenced project recorded for the Polly pipeline it registers under <paramref name="key"/>
        /// with a retry (<see cref="SummaryKeys.KeyedRetryPipeline"/>), or null when none did.
        /// </summary>
        public int? KeyedRetryAttempts(string key) =>
            keyedRetryPipelines.Count > 0 && keyedRetryPipelines.TryGetValue(key, out var attempts) ? attempts : null;

        /// <summary>The kind a referenced project recorded for <paramref name="method"/>, or <see cref="LlmCallKind.None"/>.</summary>
        public LlmCallKind LlmCallKindOf(IMethodSymbol method) =>
            llmCalls.Count > 0 && KeyOf(method) is { } key && llmCalls.TryGetValue(key, out var kind) ? kind : LlmCallKind.None;

        /// <summary>
        /// True when a referenced project recorded that <paramref name="method"/> retries parameter <paramref name="ordinal"/>;
        /// <paramref name="perAttempt"/> receives the ordinals of the delegate's parameters the helper hands a per-attempt
        /// value, or null when it re-runs the delegate with the same arguments.
        /// </summary>
        public bool RetriesParameter(IMethodSymbol method, int ordinal, out int[]? perAttempt)
        {
            perAttempt = null;
            if (retryMethods.Count == 0 || KeyOf(method) is not { } key || !retryMethods.TryGetValue(key, out var ordinals) || Array.IndexOf(ordinals, ordinal) < 0)
            {
                return false;
            }

            perAttempt = retryPerAttempt.Count > 0 && retryPerAttempt.TryGetValue(key + "|" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), out var handed) ? handed : null;
            return true;
        }

        /// <summary>The ordinals of the parameters a referenced project recorded <paramref name="method"/> putting into a system/instruction slot.</summary>
        public int[]? PromptParameterOrdinals(IMethodSymbol method) =>
            promptParameters.Count > 0 && KeyOf(method) is { } key && promptParameters.TryGetValue(key, out var ordinals) ? ordinals : null;

        /// <summary>
        /// True when a referenced project recorded that <paramref name="method"/> returns a Polly pipeline that may run the
        /// callback once (built without a retry, <see cref="SummaryKeys.PipelineFactory"/>).
        /// </summary>
        public bool ReturnsPipelineWithoutRetry(IMethodSymbol method) =>
            pipelineFactoriesWithoutRetry.Count > 0 && KeyOf(method) is { } key && pipelineFactoriesWithoutRetry.Contains(key);

        private static string? KeyOf(IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            return definition.ContainingAssembly is { } assembly && definition.GetDocumentationCommentId() is { } id
                ? assembly.Identity.Name + "|" + id
                : null;
        }

        private static ReferencedSummaries Read(Compilation compilation)
        {
            Dictionary<string, LlmCallKind>? llmCalls = null;
            Dictionary<string, int[]>? retryMethods = null;
            Dictionary<string, int[]>? retryPerAttempt = null;
            Dictionary<string, int[]>? promptParameters = null;
            HashSet<string>? pipelineFactories = null;
            HashSet<string>? httpDefaults = null;
            Dictionary<string, int>? keyedPipelines = null;
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                foreach (var attribute in assembly.GetAttributes())
                {
                    if (!SummaryRecords.IsAssemblyMetadataAttribute(attribute.AttributeClass)
                        || attribute.ConstructorArguments.Length != 2
                        || attribute.ConstructorArguments[0].Value is not string key
                        || attribute.ConstructorArguments[1].Value is not string value)
                    {
                        continue;
                    }

                    var bar = value.LastIndexOf('|');
                    if (bar <= 0)
                    {
                        continue;
                    }

                    var id = assembly.Identity.Name + "|" + value.Substring(0, bar);
                    var detail = value.Substring(bar + 1);
                    if (key == SummaryKeys.LlmCall)
                    {
                        (llmCalls ??= new Dictionary<string, LlmCallKind>(StringComparer.Ordinal))[id] =
                            detail == SummaryKeys.Streaming ? LlmCallKind.Streaming : LlmCallKind.Generation;
                    }
                    else if (key == SummaryKeys.RetryMethod && ParseRetriedParameters(detail, id, ref retryPerAttempt) is { Length: > 0 } ordinals)
                    {
                        (retryMethods ??= new Dictionary<string, int[]>(StringComparer.Ordinal))[id] = ordinals;
                    }
                    else if (key == SummaryKeys.HttpDefaultsRetry && detail == SummaryKeys.Standard)
                    {
                        (httpDefaults ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                    }
                    else if (key == SummaryKeys.KeyedRetryPipeline
                        && int.TryParse(detail, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts) && attempts >= 2)
                    {
                        // Two projects recording one key: the larger count, since either registration may be the one the container keeps.
                        keyedPipelines ??= new Dictionary<string, int>(StringComparer.Ordinal);
                        var pipelineKey = value.Substring(0, bar);
                        keyedPipelines[pipelineKey] = keyedPipelines.TryGetValue(pipelineKey, out var seen) ? Math.Max(seen, attempts) : attempts;
                    }
                    else if (key == SummaryKeys.PipelineFactory && detail == SummaryKeys.NoRetry)
                    {
                        (pipelineFactories ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                    }
                    else if (key == SummaryKeys.PromptParameter && ParseOrdinals(detail) is { Length: > 0 } promptOrdinals)
                    {
                        (promptParameters ??= new Dictionary<string, int[]>(StringComparer.Ordinal))[id] = promptOrdinals;
                    }
                }
            }

            return llmCalls is null && retryMethods is null && promptParameters is null && pipelineFactories is null && httpDefaults is null && keyedPipelines is null
                ? None
                : new ReferencedSummaries(
                    llmCalls ?? new Dictionary<string, LlmCallKind>(),
                    retryMethods ?? new Dictionary<string, int[]>(),
                    promptParameters ?? new Dictionary<string, int[]>(),
                    pipelineFactories ?? new HashSet<string>())
                {
                    httpDefaultsRetries = httpDefaults ?? new HashSet<string>(StringComparer.Ordinal),
                    keyedRetryPipelines = keyedPipelines ?? new Dictionary<string, int>(StringComparer.Ordinal),
                    retryPerAttempt = retryPerAttempt ?? new Dictionary<string, int[]>(StringComparer.Ordinal),
                };
        }

        /// <summary>
        /// RetryMethod's detail: "0,2" → [0, 2]; "0:0+1" → [0], with [0, 1] recorded under "<paramref name="id"/>|0" in
        /// <paramref name="perAttempt"/>. Anything malformed is ignored as a whole.
        /// </summary>
        private static int[]? ParseRetriedParameters(string text, string id, ref Dictionary<string, int[]>? perAttempt)
        {
            if (text.IndexOf(':') < 0)
            {
                return ParseOrdinals(text);
            }

            var parts = text.Split(',');
            var result = new int[parts.Length];
            List<(string, int[])>? handed = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var colon = parts[i].IndexOf(':');
                var ordinalText = colon < 0 ? parts[i] : parts[i].Substring(0, colon);
                if (!int.TryParse(ordinalText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result[i]))
                {
                    return null;
                }

                if (colon >= 0)
                {
                    if (ParseOrdinals(parts[i].Substring(colon + 1).Replace('+', ',')) is not { Length: > 0 } arguments)
                    {
                        return null;
                    }

                    (handed ??= new List<(string, int[])>()).Add((id + "|" + ordinalText, arguments));
                }
            }

            foreach (var (key, arguments) in handed ?? new List<(string, int[])>())
            {
                (perAttempt ??= new Dictionary<string, int[]>(StringComparer.Ordinal))[key] = arguments;
            }

            return result;
        }

        /// <summary>"0,2" → [0, 2]; anything malformed (a summary written by another version) is ignored.</summary>
        private static int[]? ParseOrdinals(string text)
        {
            var parts = text.Split(',');
            var result = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result[i]))
                {
                    return null;
                }
            }

            return result;
        }
    }
}
