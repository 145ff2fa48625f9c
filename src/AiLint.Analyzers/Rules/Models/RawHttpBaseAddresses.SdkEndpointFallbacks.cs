using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// An SDK endpoint (Semantic Kernel's <c>endpoint</c> <c>Uri</c>, <c>OpenAIClientOptions.Endpoint</c>, an
    /// <c>HttpClient.BaseAddress</c>) whose value is the <c>??</c> fallback of an environment variable, read as a raw
    /// request's base address is (review86, AMMarkin/PromptValidator:
    /// <c>Environment.GetEnvironmentVariable("..._PROXY_URL") ?? "https://api.openai.com/v1"</c>): an environment variable
    /// holds no value the project shows, so its fallback is the server every run without it talks to. A configuration
    /// read's fallback is not enough for an SDK endpoint: <c>config["AppSettings:AzureUrl"] ?? "https://api.openai.com/"</c>
    /// (review86 sumanpala/MyEvaluationsAPI, whose settings are not in the repository) points an Azure client, whose
    /// "gpt-4o" is a deployment name, wherever user secrets or the host's settings say. Any other <c>??</c> (a
    /// configuration read, a parameter, a property on its left) keeps the endpoint unknown, as before.
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        /// <summary>
        /// Whether <paramref name="fallback"/> reads an environment variable and every value it can then take is on
        /// OpenAI's host; null when its left side is anything else (the caller keeps its own reading).
        /// </summary>
        internal static bool? FallbackEndpointIsOpenAI(ICoalesceOperation fallback, CancellationToken cancellationToken)
        {
            if (fallback.SemanticModel?.Compilation is not { } compilation)
            {
                return null;
            }

            // The same per-compilation reading the raw base addresses use, which knows System.Environment already.
            var values = For(compilation, KnownModelSymbols.Create(compilation)).values;
            if (ModelIdValue.Unwrap(fallback.Value) is not IInvocationOperation read || !values.IsEnvironmentRead(read))
            {
                return null;
            }

            return values.HostOf(fallback, cancellationToken) == LlmHost.OpenAI;
        }
    }
}
