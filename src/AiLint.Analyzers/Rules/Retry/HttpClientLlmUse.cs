using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Whether an <c>HttpClient</c> from <c>IHttpClientFactory</c> demonstrably sends LLM generation requests: it is
    /// handed to an LLM SDK (an OpenAI/Azure OpenAI transport, an Anthropic, OllamaSharp or Semantic Kernel client), or
    /// it POSTs to a generation endpoint (<c>chat/completions</c>, <c>v1/messages</c>, <c>api/chat</c>, ...).
    /// Deliberately narrow: an HttpClient that only might reach a model is not "used for LLM calls".
    /// </summary>
    /// <remarks>
    /// This is a conservative check of its own, for the HTTP-resilience registrations only; its POSTs are judged by the
    /// raw-HTTP recognition of LLM calls in <c>LlmCalls/</c> (one endpoint test). One instance per compilation; thread-safe.
    /// </remarks>
    internal sealed partial class HttpClientLlmUse
    {
        // Namespaces of the SDKs that accept an HttpClient (or a transport wrapping one) for generation requests.
        private static readonly string[] LlmNamespaces = { "OpenAI", "Azure.AI.OpenAI", "Anthropic", "OllamaSharp" };

        private static readonly string[] SemanticKernelModelConnectors = { "OpenAI", "AzureOpenAI", "Ollama", "Google", "MistralAI", "HuggingFace", "Anthropic", "Amazon", "AzureAIInference" };

        // SDK entry points that take an HttpClient but do not sample an answer (embeddings, images, audio...).
        private static readonly string[] NonGenerationWords = { "Embedding", "Image", "Audio", "Speech", "Transcri", "Moderation", "File" };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol httpClient;
        private readonly INamedTypeSymbol? httpClientFactory;
        private readonly INamedTypeSymbol? pipelineTransport;
        private readonly RawHttpLlmCalls rawHttp; // the shared generation-endpoint test (LlmEndpoints, LlmRequestEvidence)
        private readonly ConcurrentDictionary<ITypeSymbol, bool> types = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, bool> names = new(StringComparer.Ordinal);
        private readonly KeyedHttpClients keyed;

        // One entry (key 0): the answer of AnyFactoryClientUsedForLlm, computed once per compilation.
        private readonly ConcurrentDictionary<int, string?> anyFactoryClient = new();

        private HttpClientLlmUse(Compilation compilation, INamedTypeSymbol httpClient)
        {
            this.compilation = compilation;
            this.httpClient = httpClient;
            httpClientFactory = compilation.GetTypeByMetadataName("System.Net.Http.IHttpClientFactory");
            pipelineTransport = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.HttpClientPipelineTransport");
            keyed = new KeyedHttpClients(compilation, httpClient);
            rawHttp = new RawHttpLlmCalls(compilation);
        }

        public static HttpClientLlmUse? TryCreate(Compilation compilation) =>
            compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is { } httpClient ? new HttpClientLlmUse(compilation, httpClient) : null;

        /// <summary>
        /// A typed client (<c>AddHttpClient&lt;T&gt;</c>): a source class taking an HttpClient in its constructor whose
        /// code hands that client to an LLM SDK or POSTs generation requests with it, without an idempotency key.
        /// </summary>
        public bool TypedClientUsedForLlm(ITypeSymbol type, CancellationToken cancellationToken) =>
            types.GetOrAdd(type, t => ComputeTyped(t, cancellationToken));

        /// <summary>
        /// A named client (<c>AddHttpClient("name")</c>): some <c>IHttpClientFactory.CreateClient("name")</c> of the
        /// compilation gives its HttpClient to an LLM SDK or POSTs generation requests with it; or, when the project
        /// registers the client as a keyed service (<c>AddAsKeyed()</c>), some keyed lookup of it does
        /// (<see cref="KeyedHttpClients"/>).
        /// </summary>
        public bool NamedClientUsedForLlm(string name, CancellationToken cancellationToken) =>
            names.GetOrAdd(name, n => ComputeNamed(n, cancellationToken));

        /// <summary>
        /// For a handler added to every factory client (<c>ConfigureHttpClientDefaults</c>): how the message names the
        /// first client of the compilation that demonstrably sends LLM requests: a typed client registered with
        /// <c>AddHttpClient&lt;T&gt;</c>, or an <c>IHttpClientFactory.CreateClient(...)</c> (any name, or none) whose
        /// HttpClient goes to an LLM SDK. Null when there is none, or when some client removes the default handlers
        /// (<c>RemoveAllResilienceHandlers()</c>): AiLint does not tie that removal to a name, so it stays silent.
        /// </summary>
        public string? AnyFactoryClientUsedForLlm(CancellationToken cancellationToken) =>
            anyFactoryClient.GetOrAdd(0, _ => ComputeAnyFactoryClient(cancellationToken));

        private static bool MentionsIdempotency(IOperation body) =>
            body.Descendants().Any(o => ValueOrigins.ConstantString(o) is { } text && text.IndexOf("idempotency", StringComparison.OrdinalIgnoreCase) >= 0);

        private bool IsHttpClient(ITypeSymbol? type) => KnownRetrySymbols.IsOrInherits(type, httpClient);

        private static IOperation Unwrap(IOperation operation) => ValueOrigins.Unwrap(operation);
    }
}
