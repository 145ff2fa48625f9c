using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The RestSharp (112+) types a request is built and sent with, resolved once per compilation (absent when the
    /// compilation does not reference RestSharp): the client and its options (the base URL), the request (resource,
    /// method) and its body extensions (<c>AddJsonBody</c>, <c>AddBody</c>, <c>AddStringBody</c>), the client extensions
    /// that send (<c>ExecutePostAsync</c>, <c>PostAsync</c>, <c>PostJsonAsync</c> ...) and the <c>Method</c> enum.
    /// The meta-test (SdkNameResolutionTests) checks every name resolves against the real assembly.
    /// </summary>
    internal sealed class KnownRestSharpSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownRestSharpSymbols> Cache = new();

        private KnownRestSharpSymbols(Compilation compilation)
        {
            Client = compilation.GetTypeByMetadataName("RestSharp.RestClient");
            ClientInterface = compilation.GetTypeByMetadataName("RestSharp.IRestClient");
            ClientExtensions = compilation.GetTypeByMetadataName("RestSharp.RestClientExtensions");
            Options = compilation.GetTypeByMetadataName("RestSharp.RestClientOptions");
            Request = compilation.GetTypeByMetadataName("RestSharp.RestRequest");
            RequestExtensions = compilation.GetTypeByMetadataName("RestSharp.RestRequestExtensions");
            Method = compilation.GetTypeByMetadataName("RestSharp.Method");
        }

        /// <summary>The symbols of <paramref name="compilation"/>, resolved on first use.</summary>
        public static KnownRestSharpSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownRestSharpSymbols(c));

        public INamedTypeSymbol? Client { get; }

        public INamedTypeSymbol? ClientInterface { get; }

        /// <summary><c>ExecuteAsync(request, method)</c>, <c>ExecutePostAsync</c>, <c>PostAsync</c>, <c>PostJsonAsync</c> ... on <c>IRestClient</c>.</summary>
        public INamedTypeSymbol? ClientExtensions { get; }

        /// <summary><c>RestClientOptions</c>: its <c>BaseUrl</c> (constructor argument or initializer).</summary>
        public INamedTypeSymbol? Options { get; }

        public INamedTypeSymbol? Request { get; }

        /// <summary><c>AddJsonBody</c>, <c>AddBody</c>, <c>AddStringBody</c>, <c>AddHeader</c> ... on <c>RestRequest</c>.</summary>
        public INamedTypeSymbol? RequestExtensions { get; }

        /// <summary>The <c>RestSharp.Method</c> enum (<c>Method.Post</c>).</summary>
        public INamedTypeSymbol? Method { get; }

        public bool IsAvailable => Request is not null && ClientExtensions is not null && Method is not null;
    }
}
