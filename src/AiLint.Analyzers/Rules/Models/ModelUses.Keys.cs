using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The options objects a call carries and the keys (locals or creating operations) under which a member records
    /// models and sampling settings.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private void RememberCallWithOptions(IOperation call, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (!MayCarryOptions(argument.Value))
                {
                    continue;
                }

                foreach (var _ in OptionsIn(argument.Value))
                {
                    (callsWithOptions ??= new List<IOperation>()).Add(call);
                    return;
                }
            }
        }

        /// <summary>
        /// Whether <see cref="OptionsIn"/> can yield anything for <paramref name="argument"/>: the first test of each of
        /// its three branches (an options object, a creation, a local of an agent wrapper type). Most arguments are
        /// none of these, and asking first spares an iterator per argument of every call (two thirds of what
        /// Analyze allocated on the benchmark corpus; docs/performance.md, "2026-12-06, session 29"). Asked only in the
        /// second walk (ModelUses.SecondWalk.cs), of members that have something to link. Keep in step with OptionsIn.
        /// </summary>
        private bool MayCarryOptions(IOperation argument)
        {
            var value = ModelIdValue.Unwrap(argument);
            return symbols.IsSamplingOptionsType(value.Type)
                || value is IObjectCreationOperation
                || (value is ILocalReferenceOperation { Local: var local } && symbols.IsAgentOptionsWrapper(local.Type));
        }

        /// <summary>
        /// The options objects an argument carries: the argument itself, an options object assigned in its object
        /// initializer (Agent Framework's <c>new ChatClientAgentOptions { ChatOptions = new ChatOptions { ... } }</c>),
        /// the <c>ChatOptions</c> an agent run wraps (<c>new ChatClientAgentRunOptions(new ChatOptions { ... })</c>),
        /// or, for a local of those agent wrapper types that nothing writes again, what its initializer carries.
        /// </summary>
        private IEnumerable<IOperation> OptionsIn(IOperation argument, bool followLocal = true)
        {
            var value = ModelIdValue.Unwrap(argument);
            if (symbols.IsSamplingOptionsType(value.Type))
            {
                yield return value;
            }
            else if (value is IObjectCreationOperation creation)
            {
                if (symbols.IsAgentOptionsWrapper(creation.Type))
                {
                    foreach (var wrapped in creation.Arguments)
                    {
                        if (ModelIdValue.Unwrap(wrapped.Value) is { } carriedArgument && symbols.IsSamplingOptionsType(carriedArgument.Type))
                        {
                            yield return carriedArgument;
                        }
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment
                            && ModelIdValue.Unwrap(assignment.Value) is { } carried
                            && symbols.IsSamplingOptionsType(carried.Type))
                        {
                            yield return carried;
                        }
                    }
                }
            }
            else if (followLocal && value is ILocalReferenceOperation { Local: var local } && symbols.IsAgentOptionsWrapper(local.Type)
                && InitializerInTree(value, local) is { } initialValue)
            {
                // var agentOptions = new ChatClientAgentOptions { ChatOptions = new() { Temperature = 0.2f } };
                // new ChatClientAgent(chatClient, agentOptions)
                foreach (var carried in OptionsIn(initialValue, followLocal: false))
                {
                    yield return carried;
                }
            }
        }

        /// <summary>
        /// The initializer of a local nothing writes again, as an operation of the same tree as <paramref name="read"/>
        /// (so that the options objects in it are the keys this member's assignments were recorded under).
        /// </summary>
        private static IOperation? InitializerInTree(IOperation read, ILocalSymbol local)
        {
            if (ModelIdValue.NeverReassignedInitializer(local, default) == null)
            {
                return null;
            }

            var root = read;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                }
            }

            return null;
        }

        /// <summary>The object a property assignment writes to: a local, or the object creation of an initializer.</summary>
        private static object? KeyOfInstance(IPropertyReferenceOperation property)
        {
            var instance = property.Instance == null ? null : ModelIdValue.Unwrap(property.Instance);
            switch (instance)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (var parent = property.Parent; parent != null; parent = parent.Parent)
                    {
                        if (parent is IObjectCreationOperation creation)
                        {
                            return KeyOfCreatedObject(creation);
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static object KeyOfCreatedObject(IOperation creation)
        {
            object key = creation;
            foreach (var candidate in KeysOfCreated(creation))
            {
                key = candidate;
            }

            return key;
        }

        /// <summary>
        /// The operation that produced a client, every call in the chain that carries it on
        /// (<c>GetChatClient("x").AsIChatClient()</c>), and the local it ends up in.
        /// </summary>
        private static IEnumerable<object> KeysOfCreated(IOperation created)
        {
            var current = created;
            yield return current;
            while (true)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                }

                if (parent is IInvocationOperation call && ReferenceEquals(call.Instance == null ? null : Strip(call.Instance), current))
                {
                    current = call;
                    yield return current;
                    continue;
                }

                if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension } && extension.TargetMethod.IsExtensionMethod)
                {
                    current = extension;
                    yield return current;
                    continue;
                }

                if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    yield return declarator.Symbol;
                }
                else if (parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment && ReferenceEquals(Strip(assignment.Value), current))
                {
                    yield return local.Local;
                }

                yield break;
            }
        }

        private static IOperation Strip(IOperation operation)
        {
            while (operation is IParenthesizedOperation parenthesized)
            {
                operation = parenthesized.Operand;
            }

            return operation;
        }

        private static object KeyOf(IOperation value) =>
            value is ILocalReferenceOperation local ? local.Local : (object)value;

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
