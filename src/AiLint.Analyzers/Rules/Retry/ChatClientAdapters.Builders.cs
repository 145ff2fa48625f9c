using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Retry middleware added by a <c>ChatClientBuilder</c> (review 58, CodeCafe): the inner client of
    /// <c>new ChatClientBuilder(adapter).Use(inner =&gt; new RetryChatClient(inner, 3)).Build()</c>, of
    /// <c>.Use((inner, services) =&gt; ...)</c> and of <c>services.AddChatClient(adapter).Use(...)</c> is the client the
    /// builder wraps (under the middleware of any later <c>Use</c> steps, which forward to it). When that client is an
    /// OpenAI or Anthropic adapter with the SDK's retries on, the middleware's retry stacks on them, as for a middleware
    /// constructed directly over the adapter. The step may sit in a project extension method
    /// (<c>builder.UseRetry(3)</c>): then each call's builder is read, and one over such an adapter is enough.
    /// </summary>
    internal sealed partial class ChatClientAdapters
    {
        /// <summary>
        /// The clients a <c>ChatClientBuilder.Use</c> step may hand to its factory lambda as <paramref name="parameter"/>
        /// (the lambda's first, <c>IChatClient</c>, parameter): the client the builder wraps. When the builder is a
        /// parameter of a project method (<c>public static ChatClientBuilder UseRetry(this ChatClientBuilder builder) =&gt;
        /// builder.Use(inner =&gt; new RetryChatClient(inner));</c>, the idiom the Microsoft.Extensions.AI docs teach), the
        /// client of the builder each call of that method is given. Nothing for any other lambda.
        /// </summary>
        private IEnumerable<IOperation> UseStepInners(IParameterReferenceOperation parameter, CancellationToken cancellationToken)
        {
            if (parameter.Parameter.Ordinal != 0 || !KnownRetrySymbols.IsOrInherits(parameter.Parameter.Type, chatClient)
                || UseCallOf(parameter) is not { } use || use.Instance is null)
            {
                yield break;
            }

            var builder = ValueOrigins.Trace(use.Instance, compilation, cancellationToken);
            if (builder is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } method } builderParameter })
            {
                if (BuilderInner(builder, cancellationToken) is { } wrapped)
                {
                    yield return wrapped;
                }

                yield break;
            }

            foreach (var caller in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { method.Name }, cancellationToken))
            {
                var target = caller.TargetMethod.ReducedFrom ?? caller.TargetMethod;
                if (!SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                var given = caller.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == builderParameter.Ordinal)?.Value;
                if (given is not null && BuilderInner(given, cancellationToken) is { } wrapped)
                {
                    yield return wrapped;
                }
            }
        }

        /// <summary>The <c>ChatClientBuilder.Use</c> call whose factory lambda declares <paramref name="parameter"/>.</summary>
        private IInvocationOperation? UseCallOf(IParameterReferenceOperation parameter)
        {
            for (IOperation? node = parameter.Parent; node is not null; node = node.Parent)
            {
                if (node is not IAnonymousFunctionOperation lambda || !SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.Parameter.ContainingSymbol))
                {
                    continue;
                }

                var argument = lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : null;
                while (argument is IConversionOperation)
                {
                    argument = argument.Parent;
                }

                return argument is IArgumentOperation { Parent: IInvocationOperation use } && use.TargetMethod.Name == "Use"
                    && KnownRetrySymbols.Is(use.TargetMethod.ContainingType, chatClientBuilder)
                    ? use
                    : null;
            }

            return null;
        }

        /// <summary>
        /// <c>AddChatClient</c> or <c>AddKeyedChatClient</c> of Microsoft.Extensions.AI (both give the <c>ChatClientBuilder</c>
        /// the service provider builds).
        /// </summary>
        private static bool IsChatClientRegistration(IMethodSymbol method) =>
            method.Name is "AddChatClient" or "AddKeyedChatClient"
            && method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection";

        /// <summary>
        /// The client a builder constructor or registration is given: the <c>innerClient</c> argument, or the one value the
        /// <c>innerClientFactory</c> lambda returns. Null when the factory returns several values or none visibly.
        /// </summary>
        private IOperation? WrappedClient(IEnumerable<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (KnownRetrySymbols.IsOrInherits(argument.Parameter?.Type, chatClient))
                {
                    return argument.Value;
                }

                if (argument.Parameter?.Name == "innerClientFactory")
                {
                    var returned = FactoryResults(argument.Value);
                    return returned.Count == 1 ? returned[0] : null;
                }
            }

            return null;
        }
    }
}
