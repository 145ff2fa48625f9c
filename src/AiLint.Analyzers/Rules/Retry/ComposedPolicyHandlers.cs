using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A Polly retry handler composed by hand (review 84, adamruderman/chat-copilot <c>SemanticKernelProvider</c>):
    /// <c>HttpClient httpClient = new(new PolicyHttpMessageHandler(retryPolicy) { InnerHandler = httpClientHandler });</c>
    /// then <c>builder.AddAzureOpenAIChatCompletion(..., httpClient: httpClient)</c>. The handler re-sends every request of
    /// that HttpClient, chat-completion POSTs included, on each failure the policy handles: AIL0001 at the handler.
    /// </summary>
    /// <remarks>
    /// Reuses the two readings of the <c>AddPolicyHandler</c> registrations: <see cref="HttpPolicyRetries.IsPostRetryingPolicy"/>
    /// for the policy (a visible <c>Polly.Retry</c> policy that handles more than 429; a timeout or circuit-breaker policy,
    /// a selector, a wrap or a policy from a parameter stays quiet) and <see cref="HttpClientLlmUse.ConstructedClientUsedForLlm"/>
    /// for the client (handed to an LLM SDK or connector, or POSTing to a generation endpoint, in the same body). The
    /// handler must be the one the HttpClient is constructed with, directly or through a local of the same body; a
    /// handler nested as another handler's InnerHandler, or handed to a method, is not followed.
    /// </remarks>
    internal sealed class ComposedPolicyHandlers
    {
        private readonly INamedTypeSymbol policyHandler;
        private readonly INamedTypeSymbol httpClient;
        private readonly Lazy<HttpPolicyRetries> policies;
        private readonly Lazy<HttpClientLlmUse?> llmUse;

        private ComposedPolicyHandlers(Compilation compilation, INamedTypeSymbol policyHandler, INamedTypeSymbol httpClient)
        {
            this.policyHandler = policyHandler;
            this.httpClient = httpClient;
            policies = new Lazy<HttpPolicyRetries>(() => new HttpPolicyRetries(compilation));
            llmUse = new Lazy<HttpClientLlmUse?>(() => HttpClientLlmUse.TryCreate(compilation));
        }

        /// <summary>Null unless Microsoft.Extensions.Http.Polly is referenced: nothing costs anything without it.</summary>
        public static ComposedPolicyHandlers? TryCreate(Compilation compilation) =>
            compilation.GetTypeByMetadataName("Microsoft.Extensions.Http.PolicyHttpMessageHandler") is { } handler
            && compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is { } client
                ? new ComposedPolicyHandlers(compilation, handler, client)
                : null;

        /// <summary>
        /// <paramref name="creation"/> is a <c>new PolicyHttpMessageHandler(policy)</c> with a POST-retrying policy, and the
        /// HttpClient constructed with it is used for LLM calls.
        /// </summary>
        public bool RetriesLlmPosts(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            // The cheap type test first: every other object creation of the body ends here.
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, policyHandler)
                || creation.Arguments.FirstOrDefault(a => a.Parameter is { Type.TypeKind: not TypeKind.Delegate } && a.ArgumentKind == ArgumentKind.Explicit) is not { } policy
                || ClientConstructedWith(creation) is not { } client
                || llmUse.Value is not { } use)
            {
                return false;
            }

            return policies.Value.IsPostRetryingPolicy(policy.Value, cancellationToken) && use.ConstructedClientUsedForLlm(client);
        }

        /// <summary>
        /// The <c>new HttpClient(handler)</c> given the handler: directly as its argument, or through a local of the same
        /// body that holds the handler and is read only as that argument.
        /// </summary>
        private IObjectCreationOperation? ClientConstructedWith(IObjectCreationOperation handler)
        {
            var value = Outermost(handler);
            if (value.Parent is IArgumentOperation { Parent: IObjectCreationOperation direct } && IsHttpClientCreation(direct))
            {
                return direct;
            }

            if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return null;
            }

            var reads = ValueOrigins.Root(handler).Descendants()
                .Where(o => o is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol))
                .ToList();
            return reads.Count == 1 && Outermost(reads[0]).Parent is IArgumentOperation { Parent: IObjectCreationOperation client } && IsHttpClientCreation(client)
                ? client
                : null;
        }

        private bool IsHttpClientCreation(IObjectCreationOperation creation) => SymbolEqualityComparer.Default.Equals(creation.Type, httpClient);

        private static IOperation Outermost(IOperation value)
        {
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            return value;
        }
    }
}
