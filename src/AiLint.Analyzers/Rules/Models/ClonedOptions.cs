using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Options a member copies from a shared default: <c>static readonly ChatOptions Defaults = new() { Temperature =
    /// 0.2f };</c> then <c>var options = Defaults.Clone(); options.ModelId = "o4-mini";</c>. The copy sends the values
    /// the source was written with, unless the member writes the same property on the copy again.
    /// </summary>
    internal static class ClonedOptions
    {
        /// <summary>
        /// The values a field or get-only property holding options is written with, in its type: the properties set in
        /// its one creation's initializer, and <c>Defaults.Temperature = 0.2f</c> statements. Nothing for a holder the
        /// code may fill with something else (written twice, written from a call or a parameter): which values a copy
        /// starts with is then not known. A property also written <c>null</c> somewhere counts as not set.
        /// </summary>
        public static List<(string Property, ISimpleAssignmentOperation Assignment)> WrittenOn(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<(string Property, ISimpleAssignmentOperation Assignment)>();
            if (!IsFixedHolder(holder))
            {
                return found;
            }

            var writes = Writes(holder, compilation, cancellationToken).ToList();
            if (writes.Count != 1 || ModelIdValue.Unwrap(writes[0]) is not IObjectCreationOperation creation)
            {
                return found;
            }

            if (creation.Initializer != null)
            {
                foreach (var member in creation.Initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment)
                    {
                        found.Add((name, assignment));
                    }
                }
            }

            if (holder is IFieldSymbol)
            {
                foreach (var (property, value) in WrittenValues.MembersSetOn(holder, compilation, cancellationToken))
                {
                    if (value.Parent is ISimpleAssignmentOperation assignment)
                    {
                        found.Add((property, assignment));
                    }
                }
            }

            var cleared = new HashSet<string>(found.Where(set => IsNull(set.Assignment.Value)).Select(set => set.Property));
            found.RemoveAll(set => cleared.Contains(set.Property));
            return found;
        }

        /// <summary>The values a readonly field or get-only auto-property is written with; none for another holder.</summary>
        public static IEnumerable<IOperation> FixedWrites(ISymbol holder, Compilation compilation, CancellationToken cancellationToken) =>
            IsFixedHolder(holder) ? Writes(holder, compilation, cancellationToken) : Enumerable.Empty<IOperation>();

        // A readonly field, or a get-only auto-property: nothing outside its initializer (or constructor) replaces the object.
        private static bool IsFixedHolder(ISymbol holder) => holder switch
        {
            IFieldSymbol field => field.IsReadOnly,
            IPropertySymbol property => property.SetMethod == null && property.GetMethod is { IsImplicitlyDeclared: false } && IsAutoProperty(property),
            _ => false,
        };

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(field => SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property));

        private static IEnumerable<IOperation> Writes(ISymbol holder, Compilation compilation, CancellationToken cancellationToken)
        {
            if (holder is IFieldSymbol)
            {
                return WrittenValues.Of(holder, compilation, cancellationToken);
            }

            // A get-only auto-property: its initializer only (constructor writes are not followed).
            var initializers = new List<IOperation>();
            foreach (var reference in holder.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { Initializer.Value: { } value } declaration
                    && LlmCalls.SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree).GetOperation(value, cancellationToken) is { } operation)
                {
                    initializers.Add(operation);
                }
                else
                {
                    return System.Array.Empty<IOperation>();
                }
            }

            return initializers;
        }

        private static bool IsNull(IOperation value)
        {
            var unwrapped = ModelIdValue.Unwrap(value);
            return unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value == null;
        }
    }
}
