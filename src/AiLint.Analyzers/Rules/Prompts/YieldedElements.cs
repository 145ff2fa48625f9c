using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// System prompts yielded one by one by the project's own iterator and turned into system messages element by
    /// element (review80 shinyorg/aiconversation: <c>IContextProvider.GetSystemPrompts(ack)</c> implemented with
    /// <c>yield return "Be concise ...";</c>, read as <c>contextProviders.Select(x =&gt; (x.GetSystemPrompts(ack),
    /// x.GetTools())).ToList()</c> and <c>cp.Item1.Select(x =&gt; new ChatMessage(ChatRole.System, x))</c>). The slot
    /// reads an element (a <c>Select</c> / <c>SelectMany</c> / <c>List.ForEach</c> lambda's parameter, or a
    /// <c>foreach</c> variable); the collection it walks is followed through locals, <c>ToList</c>-like pass-throughs,
    /// <c>Select</c> (into tuples too), <c>SelectMany</c> and <c>foreach</c>, to calls of an iterator method of the
    /// project: a non-virtual one, or an interface method through every implementation the project holds. Each
    /// constant that iterator yields is an element; a yield of a parameter, configuration or computed text is unknown
    /// (only that element: the others are still the app's text), and an implementation that is not an iterator adds
    /// none. A constant counts when it instructs, or the iterator's name says it gives instructions
    /// (<c>GetSystemPrompts</c>), as an implemented body does (<see cref="ImplementedBodies"/>).
    /// </summary>
    internal sealed partial class YieldedElements
    {
        private const int MaxSteps = 8;

        private readonly Compilation compilation;

        // The kept constant yields of each iterator body, once per compilation.
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>> byBody =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default);

        // LINQ's operators and List<T>.ForEach, resolved once per compilation.
        private readonly INamedTypeSymbol? enumerable;
        private readonly INamedTypeSymbol? list;

        public YieldedElements(Compilation compilation)
        {
            this.compilation = compilation;
            enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        }

        /// <summary>
        /// The constant yields the element read by <paramref name="read"/> can be, or null when <paramref name="read"/>
        /// is not an element read or none is known. Cheap for anything else: a symbol test before any walk.
        /// </summary>
        public List<IOperation>? ConstantElements(IOperation read, CancellationToken cancellationToken)
        {
            if (!IsElementRead(read))
            {
                return null;
            }

            var results = new List<IOperation>();
            foreach (var value in Values(read, 0, cancellationToken))
            {
                if (value.ConstantValue.HasValue && value.ConstantValue.Value is string)
                {
                    results.Add(value);
                }
            }

            return results.Count == 0 ? null : results;
        }

        private static bool IsElementRead(IOperation read) => read switch
        {
            IParameterReferenceOperation { Parameter: { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } } => true,
            ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local } =>
                local.DeclaringSyntaxReferences[0].GetSyntax() is ForEachStatementSyntax,
            _ => false,
        };

        /// <summary>What <paramref name="value"/> can evaluate to, as far as it is followed (the value itself otherwise).</summary>
        private List<IOperation> Values(IOperation value, int step, CancellationToken cancellationToken)
        {
            var results = new List<IOperation>();
            value = KnownPromptSymbols.Unwrap(value);
            if (step > MaxSteps)
            {
                return results;
            }

            switch (value)
            {
                case IParameterReferenceOperation or ILocalReferenceOperation when IsElementRead(value):
                    if (WalkedCollection(value) is { } collection)
                    {
                        results.AddRange(Elements(collection, step + 1, cancellationToken));
                    }

                    return results;
                case ILocalReferenceOperation local when OnlyInitializer(local) is { } initializer:
                    results.AddRange(Values(initializer, step + 1, cancellationToken));
                    return results;
                case IFieldReferenceOperation { Field: { CorrespondingTupleField: { } tupleField, ContainingType.TupleElements: var items }, Instance: { } tuple }:
                    // `cp.Item1` of tuples built in a Select: that item of each.
                    var index = items.IndexOf(tupleField, SymbolEqualityComparer.Default);
                    foreach (var built in Values(tuple, step + 1, cancellationToken))
                    {
                        if (built is ITupleOperation literal && index >= 0 && index < literal.Elements.Length)
                        {
                            results.AddRange(Values(literal.Elements[index], step + 1, cancellationToken));
                        }
                    }

                    return results;
                default:
                    results.Add(value);
                    return results;
            }
        }

        /// <summary>The elements of a collection: followed through LINQ, locals and tuples to the project's iterators.</summary>
        private List<IOperation> Elements(IOperation collection, int step, CancellationToken cancellationToken)
        {
            var results = new List<IOperation>();
            foreach (var value in Values(collection, step + 1, cancellationToken))
            {
                if (!(value is IInvocationOperation call))
                {
                    continue;
                }

                var method = call.TargetMethod;
                if (IsEnumerable(method) && call.Arguments.Length > 0)
                {
                    switch (method.Name)
                    {
                        case "ToList" or "ToArray" or "AsEnumerable" or "Distinct" or "Where" or "Reverse":
                            results.AddRange(Elements(call.Arguments[0].Value, step + 1, cancellationToken));
                            break;
                        case "Concat" when call.Arguments.Length == 2:
                            results.AddRange(Elements(call.Arguments[0].Value, step + 1, cancellationToken));
                            results.AddRange(Elements(call.Arguments[1].Value, step + 1, cancellationToken));
                            break;
                        case "Select" or "SelectMany" when call.Arguments.Length == 2 && Lambda(call.Arguments[1].Value) is { } selector:
                            foreach (var returned in LambdaReturns(selector))
                            {
                                results.AddRange(method.Name == "Select"
                                    ? Values(returned, step + 1, cancellationToken)
                                    : Elements(returned, step + 1, cancellationToken));
                            }

                            break;
                    }
                }
                else
                {
                    foreach (var body in IteratorBodies(method.OriginalDefinition, cancellationToken))
                    {
                        results.AddRange(KeptYields(body, cancellationToken));
                    }
                }
            }

            return results;
        }

        /// <summary>The collection whose elements a lambda parameter or <c>foreach</c> variable holds.</summary>
        private IOperation? WalkedCollection(IOperation read)
        {
            if (read is ILocalReferenceOperation local)
            {
                for (var current = read.Parent; current != null; current = current.Parent)
                {
                    if (current is IForEachLoopOperation loop && loop.Locals.IndexOf(local.Local, SymbolEqualityComparer.Default) >= 0
                        && loop.LoopControlVariable is IVariableDeclaratorOperation)
                    {
                        return loop.Collection;
                    }
                }

                return null;
            }

            var lambdaSymbol = ((IParameterReferenceOperation)read).Parameter.ContainingSymbol;
            for (var current = read.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                {
                    var argument = lambda.Parent is IDelegateCreationOperation created ? created.Parent : lambda.Parent;
                    if (!(argument is IArgumentOperation { Parent: IInvocationOperation call } passed))
                    {
                        return null;
                    }

                    var method = call.TargetMethod;
                    if (IsEnumerable(method) && (method.Name == "Select" || method.Name == "SelectMany")
                        && passed.Parameter?.Ordinal == 1 && call.Arguments.Length == 2)
                    {
                        return call.Arguments[0].Value;
                    }

                    // `list.ForEach(x => messages.Add(new ChatMessage(ChatRole.System, x)))`.
                    return method.Name == "ForEach" && KnownPromptSymbols.Is(method.ContainingType?.OriginalDefinition, list)
                        ? call.Instance
                        : null;
                }
            }

            return null;
        }

        private bool IsEnumerable(IMethodSymbol method) => KnownPromptSymbols.Is(method.ContainingType, enumerable);

        private static IAnonymousFunctionOperation? Lambda(IOperation value) => KnownPromptSymbols.Unwrap(value) switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
            IAnonymousFunctionOperation lambda => lambda,
            _ => null,
        };

        /// <summary>A lambda's own returned values (an expression body is one implicit return).</summary>
        private static IEnumerable<IOperation> LambdaReturns(IAnonymousFunctionOperation lambda)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } && Owner(operation) == lambda)
                {
                    yield return value;
                }
            }
        }

        private static IOperation? Owner(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>A local declared once with an initializer and never assigned again (its one value).</summary>
        private static IOperation? OnlyInitializer(ILocalReferenceOperation local)
        {
            if (local.Local.DeclaringSyntaxReferences.Length != 1
                || !(local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } } declarator)
                || local.SemanticModel is not { } model)
            {
                return null;
            }

            var scope = declarator.Parent?.Parent?.Parent;
            if (scope == null)
            {
                return null;
            }

            foreach (var id in scope.DescendantNodes())
            {
                if (id is IdentifierNameSyntax name && name.Identifier.ValueText == local.Local.Name && PromptFlow.IsReassigned(name))
                {
                    return null;
                }
            }

            return (model.GetOperation(declarator) as IVariableDeclaratorOperation)?.Initializer?.Value;
        }
    }
}
