using System.Collections.Concurrent;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The <c>next</c> delegate of inline middleware: <c>ChatClientBuilder.Use(async (messages, options, next, ct) =&gt; ...)</c>
    /// (Microsoft.Extensions.AI) and <c>AIAgentBuilder.Use(async (messages, session, options, next, ct) =&gt; ...)</c> (Agent
    /// Framework). Calling <c>next(...)</c> runs the rest of the client or agent pipeline, down to the model, so a retry
    /// around it re-sends the request like a retry around <c>GetResponseAsync</c> or <c>RunAsync</c>.
    /// </summary>
    /// <remarks>
    /// The <c>next</c> parameter must belong to the lambda written in the <c>Use</c> call, or to a source method passed
    /// to <c>Use</c> as a method group (<c>builder.Use(RetryingAsync)</c>; found by a scan of the files that spell the
    /// method's name, made once per method and only for methods that call a <c>next</c>-shaped parameter). A method
    /// with the same shape that no <c>Use</c> receives is not followed: its <c>next</c> is whatever its caller passes.
    /// A delegate stored in a local before <c>Use</c> is not followed either. The shared function runs for streaming and
    /// non-streaming requests alike, so the call counts as a generation. Used by the retry rules only: a method that
    /// registers middleware does not itself call a model, so the project call graph does not see these calls.
    /// </remarks>
    internal sealed class MiddlewareNextCalls
    {
        private readonly INamedTypeSymbol? chatClientBuilder;
        private readonly INamedTypeSymbol? agentBuilder;
        private readonly Compilation compilation;
        private readonly LogAndWaitCalls calls;

        // Source methods by the builder that receives them as a method group (null: none), filled on demand.
        private readonly ConcurrentDictionary<IMethodSymbol, INamedTypeSymbol?> registeredMethods = new(SymbolEqualityComparer.Default);

        public MiddlewareNextCalls(KnownRetrySymbols symbols, Compilation compilation)
        {
            chatClientBuilder = symbols.ChatClientBuilder;
            agentBuilder = symbols.AIAgentBuilder;
            this.compilation = compilation;
            calls = LogAndWaitCalls.For(compilation);
        }

        /// <summary>
        /// Cheap test on the method alone, when one of the builders is referenced: the Invoke of a delegate shaped like
        /// <c>next</c> (3 or 4 parameters, the last a cancellation token), so that other delegate calls cost nothing.
        /// </summary>
        public bool IsCandidate(IMethodSymbol method) =>
            method.MethodKind == MethodKind.DelegateInvoke
            && (chatClientBuilder is not null || agentBuilder is not null)
            && method.Parameters.Length is 3 or 4
            && calls.IsCancellationToken(method.Parameters[method.Parameters.Length - 1].Type);

        /// <summary>
        /// A lambda passed to a builder's <c>Use</c> (either builder, any overload, the Agent Framework's
        /// function-invocation extension included) that runs per request: its last parameter is a cancellation token.
        /// Registering it runs nothing, so a loop or pipeline around the registration (a startup loop that retries
        /// building the client) does not retry the calls inside it.
        /// </summary>
        public bool RunsPerRequest(IAnonymousFunctionOperation lambda)
        {
            if ((chatClientBuilder is null && agentBuilder is null)
                || lambda.Symbol.Parameters.Length == 0
                || !calls.IsCancellationToken(lambda.Symbol.Parameters[lambda.Symbol.Parameters.Length - 1].Type)
                || (lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda.Parent) is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Use" } use } })
            {
                return false;
            }

            ITypeSymbol builder = use.IsExtensionMethod && use.Parameters.Length > 0 ? use.Parameters[0].Type : use.ContainingType;
            return KnownRetrySymbols.Is(builder, chatClientBuilder) || KnownRetrySymbols.Is(builder, agentBuilder);
        }

        public LlmCall Recognize(IInvocationOperation invocation)
        {
            if (!IsCandidate(invocation.TargetMethod)
                || invocation.Instance is null
                || ValueOrigins.Unwrap(invocation.Instance) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol owner } next })
            {
                return LlmCall.None;
            }

            if (owner.MethodKind == MethodKind.Ordinary)
            {
                return registeredMethods.GetOrAdd(owner.OriginalDefinition, RegisteringBuilder) is { } registeredOn
                    ? ForShape(registeredOn, owner, next, invocation)
                    : LlmCall.None;
            }

            if (owner.MethodKind != MethodKind.AnonymousFunction)
            {
                return LlmCall.None;
            }

            var lambda = owner;

            // The lambda that declares `next`, then the Use call it is passed to.
            IOperation? current = invocation;
            while (current is not null && !(current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda)))
            {
                current = current.Parent;
            }

            var argument = current?.Parent is IDelegateCreationOperation creation ? creation.Parent as IArgumentOperation : null;
            if (argument?.Parent is not IInvocationOperation { TargetMethod: { Name: "Use", Parameters.Length: 1 } } use)
            {
                return LlmCall.None;
            }

            return ForShape(use.TargetMethod.ContainingType?.OriginalDefinition, lambda, next, invocation);
        }

        /// <summary>(messages, options, next, ct) for a chat client; (messages, session, options, next, ct) for an agent.</summary>
        private LlmCall ForShape(INamedTypeSymbol? builder, IMethodSymbol function, IParameterSymbol next, IInvocationOperation invocation)
        {
            if (KnownRetrySymbols.Is(builder, chatClientBuilder) && function.Parameters.Length == 4 && next.Ordinal == 2)
            {
                return new LlmCall(LlmCallKind.Generation, LlmSdk.MicrosoftExtensionsAI, invocation.TargetMethod);
            }

            if (KnownRetrySymbols.Is(builder, agentBuilder) && function.Parameters.Length == 5 && next.Ordinal == 3)
            {
                return new LlmCall(LlmCallKind.Generation, LlmSdk.AgentFramework, invocation.TargetMethod);
            }

            return LlmCall.None;
        }

        /// <summary>
        /// The builder whose shared-function <c>Use</c> receives <paramref name="method"/> as a method group
        /// (<c>.Use(RetryingAsync)</c>, <c>.Use(this.SendAsync)</c>), or null. Only the files that spell the method's name
        /// are bound, and in them only the <c>Use</c> calls with one argument naming it.
        /// </summary>
        private INamedTypeSymbol? RegisteringBuilder(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot();
                if (!root.DescendantTokens().Any(t => t.ValueText == method.Name && t.Parent is SimpleNameSyntax { Parent: not InvocationExpressionSyntax }))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var syntax in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (InvokedNames.CalledName(syntax) != "Use" || syntax.ArgumentList.Arguments.Count != 1
                        || !Names(syntax.ArgumentList.Arguments[0].Expression, method.Name))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetOperation(syntax) is IInvocationOperation { TargetMethod: { Name: "Use", Parameters.Length: 1 } use } invocation
                        && ValueOrigins.Unwrap(invocation.Arguments[0].Value) is IDelegateCreationOperation { Target: IMethodReferenceOperation reference }
                        && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method)
                        && use.ContainingType?.OriginalDefinition is { } builder
                        && (KnownRetrySymbols.Is(builder, chatClientBuilder) || KnownRetrySymbols.Is(builder, agentBuilder)))
                    {
                        return builder;
                    }
                }
            }

            return null;
        }

        /// <summary><c>Name</c>, <c>this.Name</c>, <c>Type.Name</c>: a method group spelled with that name.</summary>
        private static bool Names(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
            _ => false,
        };
    }
}
