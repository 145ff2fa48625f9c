using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The Flurl.Http (4.x) and Flurl types a fluent request is built and posted with, resolved once per compilation
    /// (absent when the compilation does not reference Flurl.Http): the extension classes that post
    /// (<c>PostJsonAsync</c>, <c>PostStringAsync</c>, <c>PostAsync</c>, <c>SendJsonAsync</c>, <c>SendStringAsync</c>, <c>SendAsync</c>), that configure a request
    /// without changing its URL (<c>WithHeader</c>, <c>WithOAuthBearerToken</c>, <c>AllowAnyHttpStatus</c> ...), and
    /// that append path segments; <c>IFlurlRequest</c> and <c>FlurlRequest</c>, the clients' <c>Request(...)</c> and <c>Flurl.Url</c>.
    /// The meta-test (SdkNameResolutionTests) checks every name resolves against the real assemblies.
    /// </summary>
    internal sealed class KnownFlurlSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownFlurlSymbols> Cache = new();

        private KnownFlurlSymbols(Compilation compilation)
        {
            HttpExtensions = compilation.GetTypeByMetadataName("Flurl.Http.GeneratedExtensions");
            HeaderExtensions = compilation.GetTypeByMetadataName("Flurl.Http.HeaderExtensions");
            SettingsExtensions = compilation.GetTypeByMetadataName("Flurl.Http.SettingsExtensions");
            RequestUrlExtensions = compilation.GetTypeByMetadataName("Flurl.Http.UrlBuilderExtensions");
            Request = compilation.GetTypeByMetadataName("Flurl.Http.IFlurlRequest");
            Client = compilation.GetTypeByMetadataName("Flurl.Http.IFlurlClient");
            ClientClass = compilation.GetTypeByMetadataName("Flurl.Http.FlurlClient");
            RequestClass = compilation.GetTypeByMetadataName("Flurl.Http.FlurlRequest");
            Url = compilation.GetTypeByMetadataName("Flurl.Url");
            UrlExtensions = compilation.GetTypeByMetadataName("Flurl.GeneratedExtensions");
        }

        /// <summary>The symbols of <paramref name="compilation"/>, resolved on first use and shared by every reader.</summary>
        public static KnownFlurlSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownFlurlSymbols(c));

        /// <summary>Flurl.Http's extensions on <c>IFlurlRequest</c>, <c>Url</c>, <c>string</c> and <c>Uri</c>: the POSTs and the <c>With*</c> settings.</summary>
        public INamedTypeSymbol? HttpExtensions { get; }

        /// <summary><c>WithHeader</c>, <c>WithOAuthBearerToken</c> ... on any headers container (a request among them).</summary>
        public INamedTypeSymbol? HeaderExtensions { get; }

        /// <summary><c>AllowAnyHttpStatus</c>, <c>WithTimeout</c> ... on any settings container.</summary>
        public INamedTypeSymbol? SettingsExtensions { get; }

        /// <summary><c>AppendPathSegment(s)</c> and <c>SetQueryParam(s)</c> on an <c>IFlurlRequest</c>.</summary>
        public INamedTypeSymbol? RequestUrlExtensions { get; }

        public INamedTypeSymbol? Request { get; }

        public INamedTypeSymbol? Client { get; }

        public INamedTypeSymbol? ClientClass { get; }

        /// <summary><c>new FlurlRequest(url)</c>, <c>new FlurlRequest(new Url(...))</c>, <c>new FlurlRequest(client, segments)</c>.</summary>
        public INamedTypeSymbol? RequestClass { get; }

        public INamedTypeSymbol? Url { get; }

        /// <summary>Flurl's <c>AppendPathSegment(s)</c> and <c>SetQueryParam(s)</c> on <c>string</c> and <c>Uri</c>.</summary>
        public INamedTypeSymbol? UrlExtensions { get; }

        public bool IsAvailable => HttpExtensions is not null && Request is not null;
    }
}
