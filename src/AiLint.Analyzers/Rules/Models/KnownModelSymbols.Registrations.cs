// KnownModelSymbols: DI and HttpClient registration tests (service collections, kernel builders, AddHttpClient and its builder, message handlers); separate because only the registration scans ask them.
using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        public bool IsServiceCollection(ITypeSymbol? type) =>
            type != null && ServiceCollection != null && (Is(type, ServiceCollection) || type.AllInterfaces.Any(i => Is(i, ServiceCollection)));

        public bool IsKernelBuilder(ITypeSymbol? type) =>
            type != null && KernelBuilder != null && (Is(type, KernelBuilder) || type.AllInterfaces.Any(i => Is(i, KernelBuilder)));

        public bool IsServiceCollectionOrKernelBuilder(ITypeSymbol? type) => IsServiceCollection(type) || IsKernelBuilder(type);

        /// <summary>
        /// Whether a call registers a chat client (<c>AddChatClient</c>, <c>AddKeyedChatClient</c>, Semantic Kernel's
        /// <c>AddOpenAIChatClient</c>, <c>AddSingleton&lt;IChatClient&gt;</c>): Semantic Kernel may serve prompts through it.
        /// </summary>
        public bool RegistersChatClient(IMethodSymbol method) =>
            (method.Name.StartsWith("Add", StringComparison.Ordinal) && method.Name.EndsWith("ChatClient", StringComparison.Ordinal))
            || (MeaiChatClient != null && method.IsGenericMethod && method.TypeArguments.Any(argument => Is(argument, MeaiChatClient)));

        /// <summary><c>factory.CreateClient("name")</c> or <c>factory.CreateClient()</c>.</summary>
        public bool IsHttpClientFactoryCreate(IMethodSymbol method) =>
            method.Name == "CreateClient"
            && (Is(method.ContainingType, HttpClientFactory) || Is(method.ContainingType, HttpClientFactoryExtensions)
                || (HttpClientFactory != null && method.ContainingType.AllInterfaces.Any(i => Is(i, HttpClientFactory))));

        /// <summary><c>services.AddHttpClient("name", ...)</c>, <c>AddHttpClient&lt;TClient&gt;(...)</c>.</summary>
        public bool IsAddHttpClient(IMethodSymbol method) =>
            method.Name == "AddHttpClient" && Is(method.ContainingType, HttpClientServiceExtensions);

        /// <summary>A call that configures named or typed clients: <c>AddHttpClient</c> with a lambda, or a client builder's configuring call.</summary>
        public bool ConfiguresHttpClient(IMethodSymbol method) =>
            IsAddHttpClient(method)
            || (Is(method.ContainingType, HttpClientBuilderExtensions) && IsBuilderConfigurationName(method.Name));

        /// <summary>
        /// Whether a called name can be <see cref="IsAddHttpClient"/> or <see cref="ConfiguresHttpClient"/>: a syntax-only
        /// test, so that scans bind only the calls that spell one of these names.
        /// </summary>
        public static bool MayConfigureHttpClient(string? calledName) =>
            calledName == "AddHttpClient" || IsBuilderConfigurationName(calledName);

        private static bool IsBuilderConfigurationName(string? name) =>
            name is "ConfigureHttpClient" or "AddHttpMessageHandler" or "ConfigurePrimaryHttpMessageHandler";

        public bool IsHttpClientBuilder(ITypeSymbol? type) =>
            type != null && (Is(type, HttpClientBuilder) || (HttpClientBuilder != null && type.AllInterfaces.Any(i => Is(i, HttpClientBuilder))));

        /// <summary>Whether <paramref name="type"/> derives from <c>HttpMessageHandler</c>.</summary>
        public bool IsHttpMessageHandler(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, HttpMessageHandler))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
