using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Per-agent configuration written in code as a positional record: <c>record AgentConfig(string Name, string Model,
    /// string Instructions)</c>, <c>static readonly AgentConfig Writer = new("writer", "gpt-3.5-turbo", "You are ...")</c>,
    /// then <c>new ChatClient(Agents.Writer.Model, key)</c>. The positional property holds what the record's constructor
    /// was given, and a <c>static readonly</c> field written once holds one record, so the argument written there is the
    /// id the slot sends. A parameter typed with the record (<c>Run(AgentConfig cfg)</c> reading <c>cfg.Model</c>) is
    /// followed to its callers when the method is not visible outside the project (or the project is an app), is only
    /// ever called (never passed as a delegate) and every call passes such a field; any other caller leaves the value
    /// unknown, and nothing is returned. A loop over a <c>static readonly</c> array or list of such records
    /// (<c>foreach (var a in Agents) client.GetChatClient(a.Model)</c>, RecordConfigArguments.Collections.cs) holds each
    /// element in turn, at the slot or as the argument a caller passes.
    /// </summary>
    internal static partial class RecordConfigArguments
    {
        // A project with more callers than this is not read call by call.
        private const int MaxCallers = 32;

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IParameterSymbol, IOperation[]?>> PassedValuesCache =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<IParameterSymbol, IOperation[]?>>();

        /// <summary>The constructor arguments a positional record property read at a slot may hold; null when any is unknown.</summary>
        public static List<IOperation>? Of(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IPropertyReferenceOperation { Instance: { } instance, Property: { IsStatic: false } property }
                || PositionalOrdinal(property, cancellationToken) is not { } ordinal)
            {
                return null;
            }

            var record = property.ContainingType;
            return ModelIdValue.Unwrap(instance) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol method } parameter }
                ? FromCallers(method, parameter, record, ordinal, compilation, cancellationToken)
                : HeldBy(instance, record, ordinal, compilation, cancellationToken);
        }

        /// <summary>
        /// The constructor arguments at <paramref name="ordinal"/> of the records <paramref name="holder"/> can hold: the one
        /// of a <c>static readonly</c> field written once, or each element's of the collection a <c>foreach</c> variable
        /// walks; null when any is unknown.
        /// </summary>
        private static List<IOperation>? HeldBy(IOperation holder, INamedTypeSymbol record, int ordinal, Compilation compilation, CancellationToken cancellationToken) =>
            ModelIdValue.Unwrap(holder) switch
            {
                IFieldReferenceOperation { Field: var field } =>
                    ArgumentIn(field, record, ordinal, compilation, cancellationToken) is { } argument ? new List<IOperation> { argument } : null,
                ILocalReferenceOperation local => LoopElementArguments(local, record, ordinal, compilation, cancellationToken),
                _ => null,
            };

        /// <summary>The position of a record's positional property in its primary constructor; null for any other property.</summary>
        private static int? PositionalOrdinal(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.Type.SpecialType != SpecialType.System_String
                || !property.ContainingType.IsRecord
                || property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Parent: ParameterListSyntax list, Parent.Parent: RecordDeclarationSyntax } parameter)
            {
                return null;
            }

            return list.Parameters.IndexOf(parameter);
        }

        /// <summary>The argument at <paramref name="ordinal"/> of the primary-constructor call a <c>static readonly</c> field is written with once.</summary>
        private static IOperation? ArgumentIn(IFieldSymbol field, INamedTypeSymbol record, int ordinal, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!field.IsStatic || !field.IsReadOnly || field.DeclaringSyntaxReferences.Length != 1 || !SymbolEqualityComparer.Default.Equals(field.Type, record))
            {
                return null;
            }

            return OnlyValue(field, compilation, cancellationToken) is { } value ? PrimaryConstructorArgument(value, record, ordinal, cancellationToken) : null;
        }

        /// <summary>The one value a field is written with (its initializer, or its one constructor write); null when written more or by name elsewhere.</summary>
        private static IOperation? OnlyValue(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            var writes = WrittenValues.Of(field, compilation, cancellationToken).Take(2).ToList();
            return writes.Count != 1 || ClientFields.WritesByName(field, cancellationToken) > 1 ? null : writes[0];
        }

        /// <summary>The argument at <paramref name="ordinal"/> of <paramref name="value"/> when it calls the record's primary constructor; null otherwise.</summary>
        private static IOperation? PrimaryConstructorArgument(IOperation value, INamedTypeSymbol record, int ordinal, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IObjectCreationOperation { Constructor: { } constructor } creation
                || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, record)
                || !constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is RecordDeclarationSyntax))
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The arguments every call of <paramref name="method"/> gives <paramref name="parameter"/>'s record; null when any is unknown.</summary>
        private static List<IOperation>? FromCallers(IMethodSymbol method, IParameterSymbol parameter, INamedTypeSymbol record, int ordinal, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(parameter.Type, record)
                || PassedValues(method, parameter, compilation, cancellationToken) is not { } values)
            {
                return null;
            }

            var found = new List<IOperation>(values.Length);
            foreach (var value in values)
            {
                if (HeldBy(value, record, ordinal, compilation, cancellationToken) is not { } arguments)
                {
                    return null;
                }

                found.AddRange(arguments);
            }

            return found.Count == 0 ? null : found;
        }

        /// <summary>
        /// The values the calls of <paramref name="method"/> pass as <paramref name="parameter"/>, one per call (a record
        /// field, or a <c>foreach</c> variable over a collection of records); null when the callers are not all in view.
        /// Searched once per parameter and compilation: each slot that reads a property of the parameter asks
        /// (<c>cfg.Model</c> at two clients, <c>cfg.Name</c> ...), and the search reads every file that spells the method's name.
        /// </summary>
        private static IOperation[]? PassedValues(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken)
        {
            var known = PassedValuesCache.GetValue(compilation, _ => new ConcurrentDictionary<IParameterSymbol, IOperation[]?>(SymbolEqualityComparer.Default));
            if (known.TryGetValue(parameter, out var values))
            {
                return values;
            }

            return known.GetOrAdd(parameter, SearchPassedValues(method, parameter, compilation, cancellationToken));
        }

        private static IOperation[]? SearchPassedValues(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsVirtual || method.IsAbstract || method.IsOverride
                || !method.ExplicitInterfaceImplementations.IsEmpty || !SourceBodies.IsInSource(method, compilation)
                || (IsVisibleOutside(method) && compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule)
                || IsNamedOutsideACall(method, compilation, cancellationToken))
            {
                return null;
            }

            var values = new List<IOperation>();
            foreach (var call in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { method.Name }, cancellationToken))
            {
                if (!SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                var passed = call.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == parameter.Ordinal);
                if (values.Count >= MaxCallers || passed is null)
                {
                    return null;
                }

                values.Add(passed.Value);
            }

            return values.ToArray();
        }

        private static bool IsVisibleOutside(ISymbol symbol)
        {
            for (var current = symbol; current != null && current.Kind != SymbolKind.Namespace; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A name of the method used other than as the callee of a call (a method group handed out): its callers are not all in view.</summary>
        private static bool IsNamedOutsideACall(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            var spelling = FileWords.For(compilation).Spelling(new HashSet<string> { method.Name });
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var name in tree.GetRoot(cancellationToken).DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                    if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
