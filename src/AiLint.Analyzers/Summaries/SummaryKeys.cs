namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// What a project that uses AiLint records about its own public methods, so that projects referencing it (whose
    /// compilations hold only its metadata, not its method bodies) still know which of its methods call a model and
    /// which retry the delegate they are given.
    /// </summary>
    /// <remarks>
    /// The record is a set of <c>[assembly: System.Reflection.AssemblyMetadata(key, value)]</c> attributes written by
    /// <see cref="ProjectSummaryGenerator"/>: a framework attribute every target framework has, so the record costs the
    /// defining project no dependency and survives in its reference assembly. Values start with the method's
    /// documentation-comment id (the same string for the source symbol and for the metadata symbol a consumer sees).
    /// See docs/design/project-summaries.md.
    /// </remarks>
    internal static class SummaryKeys
    {
        /// <summary>Value: <c>docId</c> followed by <c>|generation</c> or <c>|streaming</c>.</summary>
        public const string LlmCall = "AiLint.LlmCall";

        /// <summary>
        /// Value: <c>docId</c> followed by <c>|</c> and the comma-separated ordinals of the retried delegate parameters. An
        /// ordinal the helper hands per-attempt values to (<c>operation(attempt)</c>) carries the ordinals of the
        /// delegate's parameters that receive them: <c>0:0</c>, <c>1:0+2</c> (see <see cref="FormatRetriedParameters"/>).
        /// </summary>
        /// <remarks>
        /// A reader from before that form fails to parse the whole list and ignores the entry: a helper it no longer
        /// knows, never a retry it did not see before.
        /// </remarks>
        public const string RetryMethod = "AiLint.RetryMethod";

        /// <summary>Writes <see cref="RetryMethod"/>'s detail: <c>0</c>, <c>0:0</c>, <c>0:0+1,2</c>.</summary>
        public static string FormatRetriedParameters(System.Collections.Generic.IEnumerable<(int Ordinal, int[]? PerAttempt)> parameters)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (var (ordinal, perAttempt) in parameters)
            {
                var text = ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (perAttempt is { Length: > 0 })
                {
                    text += ":" + string.Join("+", System.Linq.Enumerable.Select(perAttempt, o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                parts.Add(text);
            }

            return string.Join(",", parts);
        }

        /// <summary>
        /// Value: <c>docId</c> followed by <c>|</c> and the comma-separated ordinals of the string parameters the method
        /// puts into a system/instruction slot (a wrapper's <c>system</c> parameter), so a constant a referencing project
        /// passes there is that project's prompt.
        /// </summary>
        public const string PromptParameter = "AiLint.PromptParameter";

        /// <summary>
        /// Value: <c>docId</c> of a method returning a Polly <c>ResiliencePipeline</c>, followed by <c>|noretry</c>: one of
        /// the pipelines it returns visibly runs the callback once (built without <c>AddRetry</c>/<c>AddHedging</c>, or
        /// <c>ResiliencePipeline.Empty</c>). See <see cref="PipelineFactorySummary"/>.
        /// </summary>
        public const string PipelineFactory = "AiLint.PipelineFactory";

        /// <summary>
        /// Value: <c>docId</c> of a public method that gives every factory HttpClient a standard resilience handler
        /// retrying POSTs (<c>ConfigureHttpClientDefaults(http =&gt; http.AddStandardResilienceHandler())</c>, the Aspire
        /// <c>AddServiceDefaults</c>), followed by <c>|standard</c>. See <see cref="HttpDefaultsRetrySummary"/>.
        /// </summary>
        public const string HttpDefaultsRetry = "AiLint.HttpDefaultsRetry";

        /// <summary>
        /// Value: the constant string key of a Polly v8 pipeline the project registers with a retry
        /// (<c>services.AddResiliencePipeline("OpenAiPipeline", b =&gt; b.AddRetry(...))</c>), followed by <c>|</c> and how
        /// many times the pipeline runs the callback at most (<c>MaxRetryAttempts</c> + 1: <c>OpenAiPipeline|4</c>). See
        /// <see cref="KeyedRetryPipelineSummary"/>.
        /// </summary>
        /// <remarks>
        /// Not a method: the key names one pipeline in the container the registering and the looking-up projects share,
        /// so a consumer matches it against its own <c>GetPipeline("OpenAiPipeline")</c> whatever assembly recorded it.
        /// </remarks>
        public const string KeyedRetryPipeline = "AiLint.KeyedRetryPipeline";

        public const string Standard = "standard";

        public const string NoRetry = "noretry";

        public const string Generation = "generation";
        public const string Streaming = "streaming";

        public const string AttributeMetadataName = "System.Reflection.AssemblyMetadataAttribute";

        /// <summary>MSBuild property (<c>build_property.AiLintProjectSummary</c>) that turns the record off when <c>false</c>.</summary>
        public const string OptOutProperty = "build_property.AiLintProjectSummary";
    }
}
