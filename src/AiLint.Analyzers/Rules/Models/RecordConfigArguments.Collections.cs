using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Per-agent records kept in a collection: <c>static readonly AgentConfig[] Agents = { new("writer", "gpt-3.5-turbo",
    /// ...), new(...) };</c> (also <c>new[] { ... }</c>, <c>new List&lt;AgentConfig&gt; { ... }</c> and collection
    /// expressions) walked by <c>foreach (var a in Agents) client.GetChatClient(a.Model)</c>. The loop variable holds every
    /// element in turn, so each element's constructor argument is an id the slot sends. Only when every element is a
    /// visible call of the record's primary constructor (an array read from a file, or one element a method returns,
    /// leaves the collection unknown) and no code can change which records it holds: a field written once, whose name
    /// is never given to a method (which could fill or empty it), indexed for a write, or called with a member that adds
    /// or removes elements (<c>Add</c>, <c>Clear</c>, ...).
    /// </summary>
    internal static partial class RecordConfigArguments
    {
        // The members of List<T> and the other collections that change which elements a collection holds, and AsSpan,
        // whose span can overwrite them.
        private static readonly ImmutableHashSet<string> ChangingMembers = ImmutableHashSet.Create(
            "Add", "AddRange", "Insert", "InsertRange", "Clear", "Remove", "RemoveAt", "RemoveAll", "RemoveRange",
            "Enqueue", "Push", "TryAdd", "AsSpan", "SetValue", "Fill");

        /// <summary>
        /// The arguments at <paramref name="ordinal"/> of the records a <c>foreach</c> variable walks (<paramref name="local"/>
        /// read inside the loop that declares it); null when the loop walks anything else or any element is unknown.
        /// </summary>
        private static List<IOperation>? LoopElementArguments(ILocalReferenceOperation local, INamedTypeSymbol record, int ordinal, Compilation compilation, CancellationToken cancellationToken)
        {
            IForEachLoopOperation? loop = null;
            for (var current = local.Parent; current != null; current = current.Parent)
            {
                if (current is IForEachLoopOperation candidate
                    && candidate.LoopControlVariable is IVariableDeclaratorOperation { Symbol: var declared }
                    && SymbolEqualityComparer.Default.Equals(declared, local.Local))
                {
                    loop = candidate;
                    break;
                }
            }

            if (loop is null
                || ModelIdValue.Unwrap(loop.Collection) is not IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }
                || field.DeclaringSyntaxReferences.Length != 1
                || !HoldsRecords(field.Type, record)
                || OnlyValue(field, compilation, cancellationToken) is not { } value
                || Elements(value, cancellationToken) is not { } elements
                || IsChangedElsewhere(field, compilation, cancellationToken))
            {
                return null;
            }

            var found = new List<IOperation>(elements.Count);
            foreach (var element in elements)
            {
                if (PrimaryConstructorArgument(element, record, ordinal, cancellationToken) is not { } argument)
                {
                    return null;
                }

                found.Add(argument);
            }

            return found.Count == 0 ? null : found;
        }

        /// <summary>An array of the record, or a generic collection of it (<c>List&lt;AgentConfig&gt;</c>, <c>IReadOnlyList&lt;AgentConfig&gt;</c>).</summary>
        private static bool HoldsRecords(ITypeSymbol type, INamedTypeSymbol record) => type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => SymbolEqualityComparer.Default.Equals(array.ElementType, record),
            INamedTypeSymbol { TypeArguments.Length: 1 } named => SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], record),
            _ => false,
        };

        /// <summary>
        /// The elements a collection is created with, as written: an array initializer (<c>{ ... }</c>, <c>new[] { ... }</c>),
        /// a collection expression without spreads, or a collection initializer's <c>Add</c> calls on a collection created
        /// without arguments; null for anything else.
        /// </summary>
        private static List<IOperation>? Elements(IOperation value, CancellationToken cancellationToken)
        {
            var unwrapped = ModelIdValue.Unwrap(value);
            if (unwrapped.Syntax is CollectionExpressionSyntax expression)
            {
                // ICollectionExpressionOperation is newer than the Roslyn this analyzer compiles against: read the syntax.
                var elements = new List<IOperation>(expression.Elements.Count);
                foreach (var element in expression.Elements)
                {
                    if (element is not ExpressionElementSyntax item
                        || unwrapped.SemanticModel?.GetOperation(item.Expression, cancellationToken) is not { } operation)
                    {
                        return null; // a spread (`..others`) or an element that does not bind
                    }

                    elements.Add(operation);
                }

                return elements;
            }

            switch (unwrapped)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    return new List<IOperation>(initializer.ElementValues);
                case IArrayInitializerOperation initializer:
                    // `AgentConfig[] Agents = { ... }`: the initializer's own operation when bound from its syntax.
                    return new List<IOperation>(initializer.ElementValues);
                case IObjectCreationOperation { Arguments.Length: 0, Initializer: { } initializer }:
                    var added = new List<IOperation>(initializer.Initializers.Length);
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                        {
                            return null;
                        }

                        added.Add(add.Arguments[0].Value);
                    }

                    return added;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether code may change which records the field's collection holds, read by name (to stay on the safe side): the
        /// name handed to a method as an argument, indexed as a write's target, or followed by a changing member.
        /// </summary>
        private static bool IsChangedElsewhere(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            var spelling = FileWords.For(compilation).Spelling(new HashSet<string> { field.Name });
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var name in tree.GetRoot(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    // Team.Agents or Agents: the expression that names the collection.
                    ExpressionSyntax named = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
                    switch (named.Parent)
                    {
                        case ArgumentSyntax:
                            return true;
                        case ElementAccessExpressionSyntax element when element.Expression == named && ModelIdValue.IsWritten(name):
                            return true;
                        case MemberAccessExpressionSyntax member when member.Expression == named && ChangingMembers.Contains(member.Name.Identifier.ValueText):
                            return true;
                    }
                }
            }

            return false;
        }
    }
}
