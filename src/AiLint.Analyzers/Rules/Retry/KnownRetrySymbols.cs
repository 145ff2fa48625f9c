using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Retry, cache, key and SDK-option types the retry rules use, resolved once per compilation.</summary>
    internal sealed class KnownRetrySymbols
    {
        /// <summary>Microsoft.Extensions.Http.Resilience's <c>AddStandardResilienceHandler</c> / <c>AddResilienceHandler</c>.</summary>
        public const string ResilienceHttpClientBuilderExtensionsName = "Microsoft.Extensions.DependencyInjection.ResilienceHttpClientBuilderExtensions";

        /// <summary>Microsoft.Extensions.Http.Polly's <c>AddPolicyHandler</c> / <c>AddTransientHttpErrorPolicy</c>.</summary>
        public const string PollyHttpClientBuilderExtensionsName = "Microsoft.Extensions.DependencyInjection.PollyHttpClientBuilderExtensions";

        /// <summary>The key attribute of AiLint.Annotations (also read by the loop classifier, which has no instance of this table).</summary>
        public const string IdempotencyKeyAttributeName = "AiLint.IdempotencyKeyAttribute";

        /// <summary>Anthropic's 429 (read by RateLimitOnlyRetries, which has no instance of this table).</summary>
        public const string AnthropicRateLimitExceptionName = "Anthropic.Exceptions.AnthropicRateLimitException";

        /// <summary>Anthropic's 529 overloaded_error, a refusal before anything is generated (see RateLimitOnlyRetries).</summary>
        public const string AnthropicOverloadedExceptionName = "Anthropic.Exceptions.AnthropicOverloadedException";

        /// <summary>Polly v8's <c>PredicateResult.True()</c>/<c>False()</c>, the answers a <c>ShouldHandle</c> switch gives.</summary>
        public const string PredicateResultName = "Polly.PredicateResult";

        /// <summary>Agent Framework's agent over an <c>IChatClient</c> (ChatClientAdapters follows it to the client).</summary>
        public const string ChatClientAgentName = "Microsoft.Agents.AI.ChatClientAgent";

        /// <summary>
        /// Polly v7's builders, whose <c>Handle&lt;T&gt;</c>/<c>Or&lt;T&gt;</c>/<c>HandleResult</c>/<c>OrResult</c> chain
        /// says what a policy goes round on (read by RetriedExceptions, which has no instance of this table).
        /// </summary>
        public static readonly string[] PollyPolicyBuilderNames = { "Polly.Policy", "Polly.Policy`1", "Polly.PolicyBuilder", "Polly.PolicyBuilder`1" };

        /// <summary>Polly v7's retry policies, what <c>RetryAsync</c>/<c>WaitAndRetryAsync</c> and the like return (read by RetriedExceptions).</summary>
        public static readonly string[] PollyRetryPolicyNames =
        {
            "Polly.Retry.RetryPolicy", "Polly.Retry.RetryPolicy`1", "Polly.Retry.AsyncRetryPolicy", "Polly.Retry.AsyncRetryPolicy`1",
            "Polly.Retry.IRetryPolicy", "Polly.Retry.IRetryPolicy`1",
        };

        public KnownRetrySymbols(Compilation compilation)
        {
            // Names RateLimitOnlyRetries resolves itself; kept here so that their resolution is checked with the rest.
            AnthropicRateLimitException = compilation.GetTypeByMetadataName(AnthropicRateLimitExceptionName);
            AnthropicOverloadedException = compilation.GetTypeByMetadataName(AnthropicOverloadedExceptionName);
            PredicateResult = compilation.GetTypeByMetadataName(PredicateResultName);
            ChatClientAgent = compilation.GetTypeByMetadataName(ChatClientAgentName);
            PollyPolicyBuilders = Resolve(compilation, PollyPolicyBuilderNames);
            PollyRetryPolicies = Resolve(compilation, PollyRetryPolicyNames);

            // Polly v8 (Polly.Core).
            ResiliencePipeline = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline");
            ResiliencePipelineOfT = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline`1");
            ResiliencePipelineBuilder = compilation.GetTypeByMetadataName("Polly.ResiliencePipelineBuilder");
            ResiliencePipelineBuilderOfT = compilation.GetTypeByMetadataName("Polly.ResiliencePipelineBuilder`1");

            // Polly v7 API (still in Polly 8.x): every policy implements the IsPolicy marker.
            IsPolicy = compilation.GetTypeByMetadataName("Polly.IsPolicy");

            // HTTP-level retry handlers (read by HttpResilienceRetries, which RetryAnalyzer gives this table).
            ResilienceHttpClientBuilderExtensions = compilation.GetTypeByMetadataName(ResilienceHttpClientBuilderExtensionsName);
            PollyHttpClientBuilderExtensions = compilation.GetTypeByMetadataName(PollyHttpClientBuilderExtensionsName);

            // The standard handler's options and the options-system calls that configure them elsewhere in the project
            // (read by StandardResilienceOptionsConfigurations).
            HttpStandardResilienceOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions");
            OptionsServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions");
            OptionsConfigurationServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions");
            OptionsBuilderOfT = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.OptionsBuilder`1");
            OptionsBuilderConfigurationExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions");
            ConfigureNamedOptionsOfT = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IConfigureNamedOptions`1");
            PostConfigureOptionsOfT = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IPostConfigureOptions`1");

            IdempotencyKeyAttribute = compilation.GetTypeByMetadataName(IdempotencyKeyAttributeName);

            // Job frameworks whose attribute re-runs a whole job method on failure (read by HangfireJobRetries, which
            // RetryContextFinder gives this symbol).
            HangfireAutomaticRetryAttribute = compilation.GetTypeByMetadataName("Hangfire.AutomaticRetryAttribute");

            // First-result stores (Microsoft.Extensions.Caching.Memory/.Abstractions, Microsoft.Extensions.Caching.Hybrid).
            MemoryCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Memory.IMemoryCache");
            MemoryCacheExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Memory.CacheExtensions");
            DistributedCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.IDistributedCache");
            DistributedCacheExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions");
            HybridCache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Hybrid.HybridCache");

            // SDK options that control built-in retries (docs/design/sdk-facts.md, section F).
            OpenAIClientOptions = compilation.GetTypeByMetadataName("OpenAI.OpenAIClientOptions");
            // Azure.AI.OpenAI: AzureOpenAIClient derives from OpenAIClient; its options' constructor installs a 3-retry policy.
            AzureOpenAIClient = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.AzureOpenAIClient");
            AzureOpenAIClientOptions = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.AzureOpenAIClientOptions");
            ClientRetryPolicy = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientRetryPolicy");
            RequestOptions = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.RequestOptions");
            AnthropicClient = compilation.GetTypeByMetadataName("Anthropic.AnthropicClient");
            AnthropicClientOptions = compilation.GetTypeByMetadataName("Anthropic.Core.ClientOptions");
            // Azure.Core clients (Azure.AI.OpenAI 1.0 beta's OpenAIClient, Azure.AI.Inference's ChatCompletionsClient):
            // ClientOptions.Retry (get-only RetryOptions) retries 3 times unless Retry.MaxRetries is set.
            AzureCoreClientOptions = compilation.GetTypeByMetadataName("Azure.Core.ClientOptions");

            // Inline middleware builders whose shared-function overload hands the lambda a `next` delegate that runs the
            // rest of the pipeline, down to the model (see MiddlewareNextCalls).
            ChatClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientBuilder");
            AIAgentBuilder = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgentBuilder");
        }

        public INamedTypeSymbol? AnthropicRateLimitException { get; }

        public INamedTypeSymbol? AnthropicOverloadedException { get; }

        public INamedTypeSymbol? PredicateResult { get; }

        /// <summary>Resolved by ChatClientAdapters itself; kept here so that its resolution is checked with the rest.</summary>
        public INamedTypeSymbol? ChatClientAgent { get; }

        public INamedTypeSymbol? HangfireAutomaticRetryAttribute { get; }

        public INamedTypeSymbol?[] PollyPolicyBuilders { get; }

        public INamedTypeSymbol?[] PollyRetryPolicies { get; }

        public INamedTypeSymbol? ResiliencePipeline { get; }

        public INamedTypeSymbol? ResiliencePipelineOfT { get; }

        public INamedTypeSymbol? ResiliencePipelineBuilder { get; }

        public INamedTypeSymbol? ResiliencePipelineBuilderOfT { get; }

        public INamedTypeSymbol? IsPolicy { get; }

        public INamedTypeSymbol? ResilienceHttpClientBuilderExtensions { get; }

        public INamedTypeSymbol? PollyHttpClientBuilderExtensions { get; }

        public INamedTypeSymbol? HttpStandardResilienceOptions { get; }

        public INamedTypeSymbol? OptionsServiceCollectionExtensions { get; }

        public INamedTypeSymbol? OptionsConfigurationServiceCollectionExtensions { get; }

        public INamedTypeSymbol? OptionsBuilderOfT { get; }

        public INamedTypeSymbol? OptionsBuilderConfigurationExtensions { get; }

        public INamedTypeSymbol? ConfigureNamedOptionsOfT { get; }

        public INamedTypeSymbol? PostConfigureOptionsOfT { get; }

        public INamedTypeSymbol? IdempotencyKeyAttribute { get; }

        public INamedTypeSymbol? MemoryCache { get; }

        public INamedTypeSymbol? MemoryCacheExtensions { get; }

        public INamedTypeSymbol? DistributedCache { get; }

        public INamedTypeSymbol? DistributedCacheExtensions { get; }

        public INamedTypeSymbol? HybridCache { get; }

        public INamedTypeSymbol? OpenAIClientOptions { get; }

        public INamedTypeSymbol? AzureOpenAIClient { get; }

        public INamedTypeSymbol? AzureOpenAIClientOptions { get; }

        public INamedTypeSymbol? ClientRetryPolicy { get; }

        public INamedTypeSymbol? RequestOptions { get; }

        public INamedTypeSymbol? AnthropicClient { get; }

        public INamedTypeSymbol? AnthropicClientOptions { get; }

        public INamedTypeSymbol? AzureCoreClientOptions { get; }

        public INamedTypeSymbol? ChatClientBuilder { get; }

        public INamedTypeSymbol? AIAgentBuilder { get; }

        /// <summary>The types named, in order; an entry is null where the compilation does not resolve the name.</summary>
        public static INamedTypeSymbol?[] Resolve(Compilation compilation, string[] metadataNames)
        {
            var types = new INamedTypeSymbol?[metadataNames.Length];
            for (var i = 0; i < metadataNames.Length; i++)
            {
                types[i] = compilation.GetTypeByMetadataName(metadataNames[i]);
            }

            return types;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

        /// <summary>True for <paramref name="type"/> or a type deriving from / implementing <paramref name="known"/>.</summary>
        public static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol? known)
        {
            if (type is null || known is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current, known))
                {
                    return true;
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (Is(@interface, known))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
