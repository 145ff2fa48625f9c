using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A streaming call whose stream is collected on the spot shows nothing while it runs:
    /// <c>await ollama.GenerateAsync(prompt).StreamToEndAsync()</c>, <c>client.GetStreamingResponseAsync(q).ToChatResponseAsync()</c>,
    /// <c>agent.RunStreamingAsync(q).ToAgentResponseAsync()</c>, <c>.ToListAsync()</c>. For a retry such a call is a
    /// generation (AIL0001), not a stream the user watched (AIL0002). <c>StreamToEndAsync(token => Console.Write(token))</c>
    /// shows each token through its callback, so it stays a stream.
    /// </summary>
    internal sealed class CollectedStreams
    {
        private readonly INamedTypeSymbol? ollamaStreams;
        private readonly INamedTypeSymbol? chatResponses;
        private readonly INamedTypeSymbol? agentResponses;
        private readonly INamedTypeSymbol? asyncEnumerable;

        public CollectedStreams(Compilation compilation)
        {
            ollamaStreams = compilation.GetTypeByMetadataName("OllamaSharp.IAsyncEnumerableExtensions");
            chatResponses = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatResponseExtensions");
            agentResponses = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentResponseExtensions");
            asyncEnumerable = compilation.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
        }

        /// <summary>True when the stream <paramref name="streamingCall"/> returns is the `this` argument of a collecting call.</summary>
        public bool IsCollected(IInvocationOperation streamingCall)
        {
            var parent = streamingCall.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation collector }
                || !collector.TargetMethod.IsExtensionMethod)
            {
                return false;
            }

            var method = collector.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            return method.Name switch
            {
                "StreamToEndAsync" => Is(type, ollamaStreams) && !HasCallback(collector),
                "ToChatResponseAsync" => Is(type, chatResponses),
                "ToAgentResponseAsync" => Is(type, agentResponses),
                "ToListAsync" or "ToArrayAsync" => Is(type, asyncEnumerable),
                _ => false,
            };
        }

        private static bool HasCallback(IInvocationOperation collector)
        {
            foreach (var argument in collector.Arguments)
            {
                if (argument.Parameter?.Ordinal == 1 && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
