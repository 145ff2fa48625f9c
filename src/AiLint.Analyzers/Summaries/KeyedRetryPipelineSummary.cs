using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Retry;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The keyed Polly v8 pipelines the project registers with a retry
    /// (<c>services.AddResiliencePipeline("OpenAiPipeline", b =&gt; b.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }))</c>),
    /// recorded as <see cref="SummaryKeys.KeyedRetryPipeline"/> so that an app referencing the infrastructure project
    /// judges its <c>provider.GetPipeline("OpenAiPipeline")</c> or <c>[FromKeyedServices("OpenAiPipeline")]</c> lookup as
    /// if the registration were in the app: the registration and the lookup share one container, so the key names one
    /// pipeline across the projects.
    /// </summary>
    /// <remarks>
    /// Each key is classified by <see cref="PollyRetries.ClassifyRegisteredKey"/>, the reading a lookup inside the project
    /// gets. Recorded only when the key is a string constant and the retry's attempts are visible (constant
    /// <c>MaxRetryAttempts</c>, or Polly's default); a key registered without a retry, with a rate-limit-only retry, with
    /// hedging, or with options built out of sight is not recorded, and a lookup of an unrecorded key stays quiet in the
    /// referencing project, as before.
    /// </remarks>
    internal static class KeyedRetryPipelineSummary
    {
        public static IEnumerable<SummaryEntry> Entries(Compilation compilation, PollyRetries polly, CancellationToken cancellationToken)
        {
            if (compilation.GetTypeByMetadataName("Polly.ResiliencePipeline") is null)
            {
                return Array.Empty<SummaryEntry>();
            }

            var entries = new List<SummaryEntry>();
            foreach (var key in polly.RegisteredKeys().OfType<string>().Distinct(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (key.Length > 0 && polly.ClassifyRegisteredKey(key, cancellationToken) is { Retries: true, Attempts: int attempts } && attempts >= 2)
                {
                    entries.Add(new SummaryEntry(SummaryKeys.KeyedRetryPipeline, key + "|" + attempts.ToString(CultureInfo.InvariantCulture)));
                }
            }

            return entries;
        }
    }
}
