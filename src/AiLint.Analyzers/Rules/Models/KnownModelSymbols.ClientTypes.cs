// KnownModelSymbols: client and service type tests (OpenAI clients, IChatClient, Semantic Kernel's kernel, chat services and connector registrations, Azure clients); separate because they decide where a request goes, not what it carries.
using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        /// <summary>
        /// Whether <paramref name="method"/> registers a chat completion service with Semantic Kernel
        /// (<c>AddOpenAIChatCompletion</c>, <c>AddAzureOpenAIChatCompletion</c>, <c>AddOllamaChatCompletion</c>, ...).
        /// </summary>
        public static bool IsChatCompletionRegistration(IMethodSymbol method) =>
            method.Name.StartsWith("Add", StringComparison.Ordinal)
            && method.Name.EndsWith("ChatCompletion", StringComparison.Ordinal)
            && IsSdkMember(method, RegistrationRoots)
            && method.ContainingAssembly?.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

        public bool IsOpenAIClientOptions(ITypeSymbol? type) => Is(type, OpenAIClientOptions);

        public bool IsHttpClient(ITypeSymbol? type) => Is(type, HttpClient);

        /// <summary>Whether <paramref name="type"/> is a client of the OpenAI SDK (<c>OpenAIClient</c>, <c>ChatClient</c>, ...), Azure's excluded.</summary>
        public bool IsOpenAIClientType(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeKind: TypeKind.Class } named
            && named.Name.EndsWith("Client", StringComparison.Ordinal)
            && IsUnder(named.ContainingNamespace?.ToDisplayString(), OpenAIRoot)
            && !IsAzureDeploymentType(named);

        /// <summary>Whether <paramref name="type"/> is the OpenAI SDK's root <c>OpenAIClient</c>, which hands out every sub-client.</summary>
        public bool IsOpenAIRootClient(ITypeSymbol? type) => Is(type, OpenAIClient);

        /// <summary>
        /// Whether a value of <paramref name="type"/> may still send requests for a client it came from: an OpenAI SDK
        /// client, a Microsoft.Extensions.AI <c>IChatClient</c>, Semantic Kernel's kernel or chat service.
        /// </summary>
        public bool IsClientLike(ITypeSymbol? type) =>
            type != null
            && (IsOpenAIClientType(type) || IsAzureDeploymentType(type as INamedTypeSymbol) || IsKernelOrChatService(type)
                || (MeaiChatClient != null && (Is(type, MeaiChatClient) || type.AllInterfaces.Any(i => Is(i, MeaiChatClient)))));

        /// <summary>Whether <paramref name="type"/> is Semantic Kernel's <c>Kernel</c> or a chat completion service.</summary>
        public bool IsKernelOrChatService(ITypeSymbol? type) => Is(type, SemanticKernel) || IsChatCompletionService(type);

        /// <summary>Whether <paramref name="type"/> is, or implements, Semantic Kernel's <c>IChatCompletionService</c>.</summary>
        public bool IsChatCompletionService(ITypeSymbol? type) =>
            type != null && ChatCompletionService != null
            && (Is(type, ChatCompletionService) || type.AllInterfaces.Any(i => Is(i, ChatCompletionService)));

        /// <summary>
        /// Whether <paramref name="type"/> names its model for whichever client or service it is sent to: Microsoft.Extensions.AI's
        /// <c>ChatOptions</c> (any <c>IChatClient</c>) and Semantic Kernel's <c>OpenAIPromptExecutionSettings</c> (picks the
        /// registered service with that model id). In a project that also points an OpenAI client at another server,
        /// their <c>ModelId</c> may be that server's name.
        /// </summary>
        public bool IsProviderNeutralRequest(ITypeSymbol? type) => Is(type, MeaiChatOptions) || Is(type, SemanticKernelOpenAISettings);

        /// <summary>
        /// Whether a generic call registers a chat completion service by hand (<c>services.AddSingleton&lt;IChatCompletionService&gt;(...)</c>,
        /// <c>AddKeyedSingleton&lt;IChatCompletionService&gt;</c>, <c>AddSingleton(chatService)</c> with the type inferred as an
        /// implementation): one more service the kernel may pick. A lookup that returns the service
        /// (<c>kernel.GetRequiredService&lt;IChatCompletionService&gt;()</c>, <c>GetAllServices&lt;T&gt;()</c>) registers nothing: it
        /// hands out the registered one.
        /// </summary>
        public bool RegistersChatService(IMethodSymbol method) =>
            ChatCompletionService != null && method.IsGenericMethod && method.TypeArguments.Any(IsChatCompletionService)
            && !ReturnsChatService(method.ReturnType);

        // T, T?, IEnumerable<T> of a chat completion service: what a service lookup returns.
        private bool ReturnsChatService(ITypeSymbol returnType) =>
            IsChatCompletionService(returnType)
            || (returnType is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(IsChatCompletionService));

        /// <summary>Whether <paramref name="type"/> is exactly Semantic Kernel's OpenAI execution settings (not Azure's, which derive from it).</summary>
        public bool IsSemanticKernelOpenAISettings(ITypeSymbol? type) => Is(type, SemanticKernelOpenAISettings);

        // --- Semantic Kernel's kernel-building and request API, for the settings-to-kernel link (SettingsKernels) ---

        /// <summary>Semantic Kernel's <c>KernelArguments</c>, which carries execution settings to a kernel request.</summary>
        public INamedTypeSymbol? KernelArguments { get; }

        public bool IsKernel(ITypeSymbol? type) => Is(type, SemanticKernel);

        public bool IsKernelArguments(ITypeSymbol? type) => Is(type, KernelArguments);

        /// <summary><c>Kernel.CreateBuilder()</c>: a kernel builder with no service yet.</summary>
        public bool IsKernelBuilderFactory(IMethodSymbol method) =>
            method is { Name: "CreateBuilder", IsStatic: true } && Is(method.ContainingType, SemanticKernel);

        /// <summary><c>builder.Build()</c>: the kernel made from a builder.</summary>
        public bool IsKernelBuild(IMethodSymbol method) => method.Name == "Build" && Is(method.ReturnType, SemanticKernel);

        /// <summary>Semantic Kernel's OpenAI connector registration (not Azure's, not another connector's).</summary>
        public static bool IsOpenAIConnectorRegistration(IMethodSymbol method) =>
            IsChatCompletionRegistration(method) && method.Name == "AddOpenAIChatCompletion";

        /// <summary><c>builder.Plugins</c>: plugins added there never change which chat service a request goes to.</summary>
        public static bool IsKernelPlugins(IPropertySymbol property) => property.Name == "Plugins";

        // --- end of the settings-to-kernel block ---

        /// <summary>Whether <paramref name="type"/> is, or derives from, Azure's <c>AzureOpenAIClient</c> (not Semantic Kernel's Azure settings).</summary>
        public bool IsAzureClient(ITypeSymbol? type)
        {
            for (var current = type; current != null && AzureOpenAIClient != null; current = current.BaseType)
            {
                if (Is(current, AzureOpenAIClient))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is, or derives from, a type whose model slots take Azure deployment names.</summary>
        public bool IsAzureDeploymentType(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Is(current, AzureOpenAIClient) || Is(current, SemanticKernelAzureOpenAISettings))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
