using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Personas kept in an array or list and picked by index (review86 alexey-ryabkin/DeepseekWrapper: <c>private
    /// string[] prompts = { "Ты модератор ...", "Ты волшебная фея ...", ... };</c> read as
    /// <c>ChatMessage.CreateSystemMessage(prompts[rng.Next(prompts.Length)])</c>). The elements are all the values the
    /// read can give only when every element written in the initializer is constant text and nothing writes the
    /// collection afterwards: a field that is <c>readonly</c> or private, or a local, every other use of which is a read
    /// by index, <c>Length</c>/<c>Count</c> or <c>nameof</c> (the same "only looked up" walk the prompt dictionaries use,
    /// <see cref="DictionaryPrompts.OnlyLookedUp"/>). A member other assemblies can see must have a read-only type
    /// (<c>ImmutableArray</c>, <c>IReadOnlyList</c>): a library's public array may be changed by any project that references it.
    /// </summary>
    internal sealed class IndexedPromptArrays
    {
        private static readonly string[] Copies = { "ToList", "ToArray", "ToImmutableArray", "AsReadOnly" };

        private readonly Compilation compilation;
        private readonly DictionaryPrompts dictionaries;
        private readonly INamedTypeSymbol?[] listTypes;
        private readonly INamedTypeSymbol?[] readOnlyTypes;
        private readonly ConcurrentDictionary<ISymbol, List<IOperation>?> cache = new ConcurrentDictionary<ISymbol, List<IOperation>?>(SymbolEqualityComparer.Default);

        public IndexedPromptArrays(Compilation compilation, DictionaryPrompts dictionaries)
        {
            this.compilation = compilation;
            this.dictionaries = dictionaries;
            readOnlyTypes = new[]
            {
                compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1"),
                compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableArray`1"),
                compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableList`1"),
            };
            listTypes = new[]
            {
                compilation.GetTypeByMetadataName("System.Collections.Generic.List`1"),
                compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1"),
                readOnlyTypes[0],
                readOnlyTypes[1],
                readOnlyTypes[2],
            };
        }

        /// <summary>
        /// The elements a read by index (<c>prompts[i]</c>) may give, with the field or property they are named after
        /// (null for a local: its elements are named after the member that reads them, like a local's initializer);
        /// only the element a constant index names. Null when <paramref name="value"/> is no such read.
        /// </summary>
        public (ISymbol? Member, List<(int Index, IOperation Element)> Elements)? Read(IOperation value, CancellationToken cancellationToken)
        {
            IOperation? collection;
            IOperation index;
            if (value.Syntax.ContainsDiagnostics)
            {
                // `prompts[]` half-typed: no element is chosen.
                return null;
            }

            switch (value)
            {
                case IArrayElementReferenceOperation { Indices: { Length: 1 } indices } element:
                    collection = element.ArrayReference;
                    index = indices[0];
                    break;
                case IPropertyReferenceOperation { Property: { IsIndexer: true }, Arguments: { Length: 1 } arguments } indexer when IsStringList(indexer.Instance?.Type):
                    collection = indexer.Instance;
                    index = arguments[0].Value;
                    break;
                default:
                    return null;
            }

            ISymbol? member;
            List<IOperation>? elements;
            switch (collection == null ? null : KnownPromptSymbols.Unwrap(collection))
            {
                case IFieldReferenceOperation { Field: var field }:
                    member = field.OriginalDefinition;
                    elements = IsKept(field.OriginalDefinition, field.IsReadOnly, field.Type) ? cache.GetOrAdd(member, m => Elements(m, cancellationToken)) : null;
                    break;
                case IPropertyReferenceOperation { Property: { IsReadOnly: true, Parameters: { IsEmpty: true } } property }:
                    member = property.OriginalDefinition;
                    elements = IsKept(property.OriginalDefinition, true, property.Type) ? cache.GetOrAdd(member, m => Elements(m, cancellationToken)) : null;
                    break;
                case ILocalReferenceOperation { Local: var local }:
                    member = null;
                    elements = LocalElements(local, cancellationToken);
                    break;
                default:
                    return null;
            }

            if (elements == null)
            {
                return null;
            }

            var chosen = KnownPromptSymbols.Unwrap(index).ConstantValue is { HasValue: true, Value: int constant } ? constant : -1;
            var read = new List<(int, IOperation)>();
            for (var i = 0; i < elements.Count; i++)
            {
                if (chosen < 0 || chosen == i)
                {
                    read.Add((i, elements[i]));
                }
            }

            return (member, read);
        }

        private bool IsKept(ISymbol member, bool isReadOnly, ITypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
            && (isReadOnly || member.DeclaredAccessibility == Accessibility.Private)
            && (!DictionaryPrompts.IsVisibleOutside(member) || IsOneOf(type, readOnlyTypes));

        private List<IOperation>? Elements(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var initializer = DictionaryPrompts.InitializerOf(member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken));
            return initializer == null || !dictionaries.OnlyLookedUp(member, cancellationToken) ? null : ConstantElements(initializer, cancellationToken);
        }

        /// <summary>A local array or list written once in its declaration and only read by index, Length or Count after it.</summary>
        private List<IOperation>? LocalElements(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax) is { } scope))
            {
                return null;
            }

            var model = SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree);
            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local)
                    && !DictionaryPrompts.IsLookup(name, model, cancellationToken))
                {
                    return null;
                }
            }

            return ConstantElements(initializer.Value, cancellationToken);
        }

        /// <summary>
        /// The elements an initializer writes (<c>{ ... }</c>, <c>new[] { ... }</c>, <c>[...]</c>, <c>new List&lt;string&gt; {
        /// ... }</c>, or one of those copied by <c>ToList()</c>/<c>ToImmutableArray()</c>), each constant text; null otherwise.
        /// </summary>
        private List<IOperation>? ConstantElements(ExpressionSyntax initializer, CancellationToken cancellationToken)
        {
            if (initializer.ContainsDiagnostics)
            {
                return null;
            }

            var model = SourceBodies.GetSemanticModel(compilation, initializer.SyntaxTree);
            var elements = new List<IOperation>();
            while (initializer is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList: { Arguments: { Count: 0 } } }
                && System.Array.IndexOf(Copies, access.Name.Identifier.ValueText) >= 0)
            {
                initializer = access.Expression;
            }

            if (initializer is CollectionExpressionSyntax collection)
            {
                // ICollectionExpressionOperation is newer than the Roslyn this analyzer compiles against: read the syntax.
                foreach (var element in collection.Elements)
                {
                    if (!(element is ExpressionElementSyntax item) || !(model.GetOperation(item.Expression, cancellationToken) is { } operation))
                    {
                        return null;
                    }

                    elements.Add(operation);
                }
            }
            else
            {
                switch (model.GetOperation(initializer, cancellationToken) is { } created ? KnownPromptSymbols.Unwrap(created) : null)
                {
                    case IArrayCreationOperation { Initializer: { } array }:
                        elements.AddRange(array.ElementValues);
                        break;
                    case IArrayInitializerOperation bare:
                        // `string[] prompts = { ... };`: the initializer syntax binds to the initializer, not the creation.
                        elements.AddRange(bare.ElementValues);
                        break;
                    case IObjectCreationOperation { Arguments: { IsEmpty: true }, Initializer: { } list }:
                        foreach (var added in list.Initializers)
                        {
                            // `{ "You are ...", ... }`: the implicit Add(item).
                            if (!(added is IInvocationOperation { Arguments: { Length: 1 } add }))
                            {
                                return null;
                            }

                            elements.Add(add[0].Value);
                        }

                        break;
                    default:
                        return null;
                }
            }

            foreach (var element in elements)
            {
                if (!(element.ConstantValue is { HasValue: true, Value: string _ }))
                {
                    return null;
                }
            }

            return elements.Count == 0 ? null : elements;
        }

        private bool IsStringList(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments } && arguments[0].SpecialType == SpecialType.System_String && IsOneOf(type, listTypes);

        private static bool IsOneOf(ITypeSymbol type, INamedTypeSymbol?[] known)
        {
            foreach (var candidate in known)
            {
                if (candidate != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
