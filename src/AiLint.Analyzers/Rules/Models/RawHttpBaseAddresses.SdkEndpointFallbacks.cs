using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// An SDK endpoint (Semantic Kernel's <c>endpoint</c> <c>Uri</c>, <c>OpenAIClientOptions.Endpoint</c>, an
    /// <c>HttpClient.BaseAddress</c>) whose value is the <c>??</c> fallback of an environment variable or a configuration
    /// read, read as a raw request's base address is (review86, AMMarkin/PromptValidator:
    /// <c>Environment.GetEnvironmentVariable("..._PROXY_URL") ?? "https://api.openai.com/v1"</c>): an environment variable
    /// holds no value the project shows, so its fallback is the server every run without it talks to; a configuration
    /// read is the values the settings files give its key plus the fallback. Only this shape: any other <c>??</c> (a
    /// parameter, a property on its left) keeps the endpoint unknown, as before.
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        /// <summary>
        /// Whether <paramref name="fallback"/> reads an environment variable or a configuration key and every value it
        /// can then take is on OpenAI's host; null when its left side is neither (the caller keeps its own reading).
        /// </summary>
        internal static bool? FallbackEndpointIsOpenAI(ICoalesceOperation fallback, CancellationToken cancellationToken)
        {
            if (fallback.SemanticModel?.Compilation is not { } compilation)
            {
                return null;
            }

            var symbols = KnownModelSymbols.Create(compilation);
            var read = ModelIdValue.Unwrap(fallback.Value);
            if (!IsEnvironmentRead(read, compilation) && symbols.ConfigurationKey(read) == null)
            {
                return null;
            }

            // The reading prepared with the settings files (the Models analyzer prepares it at compilation start); an
            // unprepared one knows no configured value, so a configuration read is then not known and stays elsewhere.
            return For(compilation, symbols).values.HostOf(fallback, cancellationToken) == LlmHost.OpenAI;
        }

        private static bool IsEnvironmentRead(IOperation read, Compilation compilation) =>
            read is IInvocationOperation { TargetMethod: { Name: "GetEnvironmentVariable" } method }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, compilation.GetTypeByMetadataName("System.Environment"));
    }
}
