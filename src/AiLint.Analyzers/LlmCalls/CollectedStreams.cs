using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A streaming call whose stream is collected on the spot shows nothing while it runs:
    /// <c>await ollama.GenerateAsync(prompt).StreamToEndAsync()</c>, <c>client.GetStreamingResponseAsync(q).ToChatResponseAsync()</c>,
    /// <c>agent.RunStreamingAsync(q).ToAgentResponseAsync()</c>, <c>.ToListAsync()</c>, or an <c>await foreach</c> that only
    /// appends each update to a local (<c>sb.Append(u.Text)</c>). For a retry such a call is a
    /// generation (AIL0001), not a stream the user watched (AIL0002). <c>StreamToEndAsync(token => Console.Write(token))</c>
    /// shows each token through its callback, so it stays a stream.
    /// </summary>
    internal sealed class CollectedStreams
    {
        private readonly INamedTypeSymbol? ollamaStreams;
        private readonly INamedTypeSymbol? chatResponses;
        private readonly INamedTypeSymbol? agentResponses;
        private readonly INamedTypeSymbol? asyncEnumerable;
        private readonly INamedTypeSymbol? stringBuilder;
        private readonly INamedTypeSymbol? list;
        private readonly INamedTypeSymbol? dictionary;
        private readonly INamedTypeSymbol? hashSet;
        private readonly INamedTypeSymbol? streamConfigurations;
        private readonly INamedTypeSymbol? configuredStreams;

        public CollectedStreams(Compilation compilation)
        {
            ollamaStreams = compilation.GetTypeByMetadataName("OllamaSharp.IAsyncEnumerableExtensions");
            chatResponses = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatResponseExtensions");
            agentResponses = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentResponseExtensions");
            asyncEnumerable = compilation.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
            stringBuilder = compilation.GetTypeByMetadataName("System.Text.StringBuilder");
            list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
            hashSet = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
            streamConfigurations = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskAsyncEnumerableExtensions");
            configuredStreams = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1");
        }

        /// <summary>True when the stream <paramref name="streamingCall"/> returns is the `this` argument of a collecting call.</summary>
        public bool IsCollected(IInvocationOperation streamingCall)
        {
            // `await foreach (var u in await client.CompleteStreamingAsync(options))`: the Azure SDKs' streaming calls hand
            // the stream out of a task; Azure.AI.OpenAI 1.0's `Response<StreamingChatCompletions>` is read through
            // `.Value.GetChoicesStreaming()`. The loop reads what those lead to.
            var parent = SubStreamParent(streamingCall);
            if (parent is IForEachLoopOperation { IsAsynchronous: true } loop)
            {
                return OnlyAccumulates(loop);
            }

            // `var streaming = await client.GetChatCompletionsStreamingAsync(...);` and then only loops that collect it.
            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return OnlyCollectedThrough(declarator.Symbol, streamingCall, depth: 0);
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

        /// <summary>
        /// The first operation above <paramref name="stream"/> that is not part of reading the stream itself: conversions,
        /// awaits, property reads of the result (<c>.Value</c>) and instance calls on it that return another async stream
        /// (<c>.GetChoicesStreaming()</c>), and <c>.WithCancellation(ct)</c> / <c>.ConfigureAwait(false)</c>, which only
        /// configure how the same stream is enumerated.
        /// </summary>
        private IOperation? SubStreamParent(IOperation stream)
        {
            var current = stream;
            var parent = stream.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation or IAwaitOperation
                || (parent is IPropertyReferenceOperation property && property.Instance == current)
                || (parent is IInvocationOperation { Instance: { } instance } call && instance == current && IsAsyncStream(call.Type))
                || IsEnumerationSetting(parent, current))
            {
                current = parent is IArgumentOperation { Parent: { } extension } ? extension : parent!;
                parent = current.Parent;
            }

            return parent;
        }

        /// <summary>
        /// Review 84 (tandem StreamRetryChatClient): <c>stream.WithCancellation(ct)</c> and <c>stream.ConfigureAwait(false)</c>
        /// (<c>TaskAsyncEnumerableExtensions</c>, then the same two methods of the <c>ConfiguredCancelableAsyncEnumerable</c>
        /// they return) wrap the stream without reading it: the loop over the wrapper reads the stream. Without this the
        /// idiom of <c>[EnumeratorCancellation]</c> and CA2007 code turned a collected stream back into a shown one (AIL0002).
        /// </summary>
        private bool IsEnumerationSetting(IOperation? parent, IOperation current)
        {
            if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { Instance: null } extension })
            {
                return extension.TargetMethod.Name is "WithCancellation" or "ConfigureAwait"
                    && Is(extension.TargetMethod.ContainingType?.OriginalDefinition, streamConfigurations);
            }

            return parent is IInvocationOperation { TargetMethod.Name: "WithCancellation" or "ConfigureAwait", Instance: { } instance } configured
                && instance == current
                && Is(configured.TargetMethod.ContainingType?.OriginalDefinition, configuredStreams);
        }

        /// <summary>
        /// An <c>IAsyncEnumerable&lt;T&gt;</c> or a type implementing it. Tested by name and namespace, not by a resolved symbol,
        /// because projects on .NET Framework get the interface from Microsoft.Bcl.AsyncInterfaces and both must count.
        /// </summary>
        internal static bool IsAsyncStream(ITypeSymbol? type) =>
            type is INamedTypeSymbol named
            && (IsAsyncEnumerable(named) || named.AllInterfaces.Any(IsAsyncEnumerable));

        private static bool IsAsyncEnumerable(INamedTypeSymbol type) =>
            type.OriginalDefinition is { Name: "IAsyncEnumerable", Arity: 1 } definition
            && definition.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

        /// <summary>
        /// A local that holds the stream (or the response wrapping it) and is only read as the collection of
        /// <c>await foreach</c> loops that collect it: the stream is collected as surely as when the loop reads the call.
        /// Any other read (returned, passed on, shown) leaves it a stream.
        /// </summary>
        private bool OnlyCollectedThrough(ILocalSymbol local, IOperation streamingCall, int depth)
        {
            // `Response<StreamingChatCompletions> response = await ...; using var streaming = response.Value;`: a second
            // local taking the stream out of the first is followed, a few steps at most.
            if (depth > 2)
            {
                return false;
            }

            var root = streamingCall;
            while (root.Parent is { } up)
            {
                root = up;
            }

            var reads = 0;
            foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                {
                    return false;
                }

                var reader = SubStreamParent(reference);
                var collected = reader switch
                {
                    IForEachLoopOperation { IsAsynchronous: true } loop => OnlyAccumulates(loop),
                    IVariableInitializerOperation { Parent: IVariableDeclaratorOperation next } => OnlyCollectedThrough(next.Symbol, streamingCall, depth + 1),
                    _ => false,
                };
                if (!collected)
                {
                    return false;
                }

                reads++;
            }

            return reads > 0;
        }

        /// <summary>
        /// <c>await foreach (var u in stream) sb.Append(u.Text);</c>: a loop whose body only adds each update to a local
        /// (a <c>StringBuilder</c>, a string, a list, a dictionary or set: appended to, written by index, or picked by
        /// <c>?:</c> between two locals) collects the stream as <c>ToChatResponseAsync()</c> does, and shows nothing while it
        /// runs. Any other call (<c>Console.Write</c>, a callback, a channel or hub write), a
        /// <c>yield return</c>, or a write to a field or property shows or hands on the partial answer, so the loop stays a
        /// stream. An empty body collects nothing and stays a stream too.
        /// </summary>
        private bool OnlyAccumulates(IForEachLoopOperation loop)
        {
            var accumulates = false;
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        if (IsNestedStream(invocation, loop))
                        {
                            // `await foreach (var msg in choice.GetMessageStreaming())` inside the loop: its own body is
                            // checked as part of this one.
                        }
                        else if (IsAccumulation(invocation))
                        {
                            accumulates = true;
                        }
                        else if (!IsPure(invocation))
                        {
                            return false;
                        }

                        break;
                    case ISimpleAssignmentOperation or ICompoundAssignmentOperation or ICoalesceAssignmentOperation or IIncrementOrDecrementOperation:
                        var target = operation switch
                        {
                            IAssignmentOperation assignment => assignment.Target,
                            IIncrementOrDecrementOperation increment => increment.Target,
                            _ => null,
                        };
                        // `callNames[call.CallId] = call.Name` on a local dictionary (review 49, WretchedWhispers): buffered too.
                        if (operation is ISimpleAssignmentOperation && IsLocalCollectionElement(target))
                        {
                            accumulates = true;
                            break;
                        }

                        if (target is not ILocalReferenceOperation)
                        {
                            return false;
                        }

                        // `text += u.Text`, `text ??= ...`, `text = text + u.Text` collect; a counter (`n++`) only counts.
                        accumulates |= operation is ICompoundAssignmentOperation or ICoalesceAssignmentOperation
                            || (operation is ISimpleAssignmentOperation && target.Type?.SpecialType == SpecialType.System_String);
                        break;
                    case IReturnOperation { Kind: OperationKind.YieldReturn }:
                    case IAnonymousFunctionOperation or ILocalFunctionOperation or IAwaitOperation { Operation: not IInvocationOperation }:
                        return false;
                }
            }

            return accumulates;
        }

        /// <summary>
        /// <c>sb.Append(u.Text)</c>, <c>parts.Add(u)</c> on a local <c>StringBuilder</c> or collection of the method, also
        /// when <c>?:</c> picks one of two such locals (<c>(verbose ? shown : dropped).Add(u.Text)</c>, review 49).
        /// </summary>
        private bool IsAccumulation(IInvocationOperation invocation) =>
            invocation.Instance is { } receiver
            && invocation.TargetMethod.Name is "Append" or "AppendLine" or "Add" or "AddRange" or "TryAdd"
            && IsLocalCollection(receiver);

        /// <summary>A local <c>StringBuilder</c>, list, dictionary or set, or a <c>?:</c> between such locals.</summary>
        private bool IsLocalCollection(IOperation receiver)
        {
            while (receiver is IParenthesizedOperation or IConversionOperation { IsImplicit: true })
            {
                receiver = receiver is IParenthesizedOperation parenthesized ? parenthesized.Operand : ((IConversionOperation)receiver).Operand;
            }

            return receiver switch
            {
                ILocalReferenceOperation local => local.Type is INamedTypeSymbol type
                    && (Is(type, stringBuilder) || Is(type.OriginalDefinition, list) || Is(type.OriginalDefinition, dictionary) || Is(type.OriginalDefinition, hashSet)),
                IConditionalOperation { WhenFalse: { } whenFalse } choice => IsLocalCollection(choice.WhenTrue) && IsLocalCollection(whenFalse),
                _ => false,
            };
        }

        /// <summary>An element of a local collection or array, written by index (<c>names[id] = name</c>).</summary>
        private bool IsLocalCollectionElement(IOperation? target) => target switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => IsLocalCollection(instance),
            IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation } => true,
            _ => false,
        };

        // The collection of an `await foreach` nested in the loop, read from something the loop body holds (the update).
        private bool IsNestedStream(IInvocationOperation invocation, IForEachLoopOperation outer) =>
            SubStreamParent(invocation) is IForEachLoopOperation { IsAsynchronous: true } inner
            && inner != outer
            && invocation.Instance is not null;

        // LINQ reads of one element or a count, without a lambda: `chunk.Choices.FirstOrDefault()?.Message.Content`.
        private static readonly HashSet<string> ElementReads = new(StringComparer.Ordinal)
        {
            "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "Count", "Any",
        };

        /// <summary>Calls that neither show nor hand on anything: string helpers and reading the update's text.</summary>
        private static bool IsPure(IInvocationOperation invocation) =>
            invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
            || invocation.TargetMethod.Name is "ToString" or "ThrowIfCancellationRequested"
            || (invocation.TargetMethod.ContainingType is { Name: "Enumerable" } linq
                && linq.ContainingNamespace?.ToDisplayString() == "System.Linq"
                && ElementReads.Contains(invocation.TargetMethod.Name)
                && invocation.Arguments.Length == 1);

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
