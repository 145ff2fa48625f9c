using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// System prompts kept as the values of a dictionary and chosen by key (review66 kyletaylored/infra-advisor-ai
    /// <c>SpecialistSystemPrompts</c>): a <c>readonly</c> field or get-only auto-property of the project whose initializer
    /// writes every entry (<c>new() { ["cost"] = "You are ...", ... }</c>, <c>{ { "cost", "..." } }</c>, possibly
    /// wrapped by <c>ToFrozenDictionary()</c>, <c>ToImmutableDictionary()</c> or a <c>ReadOnlyDictionary</c>), read
    /// with <c>Prompts[key]</c>, <c>Prompts.TryGetValue(key, out var prompt)</c> or <c>Prompts.GetValueOrDefault(key,
    /// fallback)</c>. The entries are all the values the dictionary can hold only when nothing else writes into it: every
    /// other use of the member is a lookup (<c>[key]</c>, <c>TryGetValue</c>, <c>GetValueOrDefault</c>,
    /// <c>ContainsKey</c>, <c>Keys</c>, <c>Count</c>) or adds constant text; a dictionary filled with other values,
    /// passed to other code or enumerated is not read. A member other assemblies can see must have a read-only type
    /// (<c>IReadOnlyDictionary</c>, <c>FrozenDictionary</c>, <c>ImmutableDictionary</c>, <c>ReadOnlyDictionary</c>):
    /// a library's public <c>Dictionary</c> may be changed by any project that references it.
    /// </summary>
    internal sealed partial class DictionaryPrompts
    {
        private static readonly string[] Wrappers = { "ToFrozenDictionary", "ToImmutableDictionary", "ToImmutableSortedDictionary", "ToDictionary", "AsReadOnly" };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? readOnlyDictionary;
        private readonly INamedTypeSymbol? dictionary;
        private readonly INamedTypeSymbol? collectionExtensions;
        private readonly INamedTypeSymbol? immutableDictionary;

        /// <summary>Dictionary types no other code can write into: the only ones an externally visible member may have.</summary>
        private readonly INamedTypeSymbol?[] readOnlyTypes;
        private readonly ConcurrentDictionary<ISymbol, PromptDictionary?> cache = new ConcurrentDictionary<ISymbol, PromptDictionary?>(SymbolEqualityComparer.Default);

        public DictionaryPrompts(Compilation compilation)
        {
            this.compilation = compilation;
            readOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
            dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
            collectionExtensions = compilation.GetTypeByMetadataName("System.Collections.Generic.CollectionExtensions");
            immutableDictionary = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableDictionary");
            readOnlyTypes = new[]
            {
                readOnlyDictionary,
                compilation.GetTypeByMetadataName("System.Collections.Frozen.FrozenDictionary`2"),
                compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableDictionary`2"),
                compilation.GetTypeByMetadataName("System.Collections.Immutable.IImmutableDictionary`2"),
                compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableSortedDictionary`2"),
                compilation.GetTypeByMetadataName("System.Collections.ObjectModel.ReadOnlyDictionary`2"),
            };
        }

        /// <summary>
        /// The entries a read of a prompt dictionary may give: <c>Prompts[key]</c> or <c>Prompts.GetValueOrDefault(key[,
        /// fallback])</c>, with the fallback; null when <paramref name="value"/> is no such read.
        /// </summary>
        public DictionaryRead? Read(IOperation value, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case IPropertyReferenceOperation { Property: { IsIndexer: true }, Arguments: { Length: 1 } } indexer when indexer.Instance != null:
                    return Of(indexer.Instance, cancellationToken) is { } indexed ? new DictionaryRead(indexed, indexer.Arguments[0].Value, fallback: null) : null;
                case IInvocationOperation { TargetMethod: { Name: "GetValueOrDefault" } } call when IsGetValueOrDefault(call.TargetMethod):
                    IOperation? receiver = call.Instance;
                    IOperation? key = null;
                    IOperation? fallback = null;
                    foreach (var argument in call.Arguments)
                    {
                        var ordinal = argument.Parameter?.Ordinal ?? -1;
                        if (ordinal == 0 && call.Instance == null)
                        {
                            receiver = argument.Value;
                        }
                        else if (argument.Parameter?.Name == "key")
                        {
                            key = argument.Value;
                        }
                        else if (argument.Parameter?.Name == "defaultValue" && !argument.IsImplicit)
                        {
                            fallback = argument.Value;
                        }
                    }

                    return receiver != null && Of(receiver, cancellationToken) is { } read ? new DictionaryRead(read, key, fallback) : null;
                default:
                    return null;
            }
        }

        private bool IsGetValueOrDefault(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            return (collectionExtensions != null && SymbolEqualityComparer.Default.Equals(type, collectionExtensions))
                || (immutableDictionary != null && SymbolEqualityComparer.Default.Equals(type, immutableDictionary));
        }

        /// <summary>The prompt dictionary <paramref name="receiver"/> reads (a field or get-only property), or null.</summary>
        private PromptDictionary? Of(IOperation receiver, CancellationToken cancellationToken)
        {
            ISymbol? member = KnownPromptSymbols.Unwrap(receiver) switch
            {
                IFieldReferenceOperation { Field: { IsReadOnly: true } field } => field,
                IPropertyReferenceOperation { Property: { IsReadOnly: true, Parameters: { IsEmpty: true } } property } => property,
                _ => null,
            };
            var type = member is IFieldSymbol f ? f.Type : (member as IPropertySymbol)?.Type;
            if (member == null
                || type == null
                || !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly)
                || !HasStringValues(type)
                || (IsVisibleOutside(member) && !IsReadOnlyType(type)))
            {
                // A public `Dictionary` of a library: any referencing project may change an entry.
                return null;
            }

            member = member.OriginalDefinition;
            return cache.GetOrAdd(member, m => Analyze(m, cancellationToken));
        }

        internal static bool IsVisibleOutside(ISymbol member)
        {
            for (ISymbol? current = member; current != null && !(current is INamespaceSymbol); current = current.ContainingType)
            {
                if (!(current.DeclaredAccessibility == Accessibility.Public || current.DeclaredAccessibility == Accessibility.Protected
                    || current.DeclaredAccessibility == Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsReadOnlyType(ITypeSymbol type)
        {
            foreach (var known in readOnlyTypes)
            {
                if (known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasStringValues(ITypeSymbol type)
        {
            if (IsStringMap(type))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (IsStringMap(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsStringMap(ITypeSymbol type) =>
            type is INamedTypeSymbol { TypeArguments: { Length: 2 } arguments } named
            && arguments[1].SpecialType == SpecialType.System_String
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, readOnlyDictionary) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, dictionary));

        private PromptDictionary? Analyze(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var initializer = InitializerOf(member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken));
            if (initializer == null || initializer.ContainsDiagnostics)
            {
                return null;
            }

            var model = SourceBodies.GetSemanticModel(compilation, initializer.SyntaxTree);
            var entries = new List<DictionaryEntry>();
            if (!(model.GetOperation(initializer, cancellationToken) is { } value)
                || !ReadEntries(KnownPromptSymbols.Unwrap(value), entries, 0)
                || entries.Count == 0
                || !OnlyLookedUp(member, cancellationToken))
            {
                return null;
            }

            return new PromptDictionary(member, entries);
        }

        /// <summary>The value a field's declarator or a get-only auto-property is initialized with (written once), or null.</summary>
        internal static ExpressionSyntax? InitializerOf(SyntaxNode node) => node switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,

            // A get-only auto-property (`{ get; } = new() { ... }`): an expression body builds a new one on each read.
            PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { Accessors: { Count: 1 } accessors } } property
                when accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration) && accessors[0].Body == null && accessors[0].ExpressionBody == null => property.Initializer?.Value,
            _ => null,
        };

        /// <summary>
        /// The entries an initializer writes: a creation with an object or collection initializer (its constructor given
        /// only a comparer or a capacity), or such a creation wrapped by a conversion that copies it
        /// (<c>ToFrozenDictionary()</c>, <c>new ReadOnlyDictionary&lt;,&gt;(...)</c>). False when any entry is not a
        /// plain key and value.
        /// </summary>
        private bool ReadEntries(IOperation value, List<DictionaryEntry> entries, int depth)
        {
            if (depth > 2)
            {
                return false;
            }

            IOperation? copied = null;
            switch (value)
            {
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (IsCollection(argument.Value.Type))
                        {
                            if (copied != null || creation.Initializer != null)
                            {
                                return false;
                            }

                            copied = argument.Value;
                        }
                        else if (argument.Value.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate })
                        {
                            return false;
                        }
                    }

                    if (copied != null)
                    {
                        return ReadEntries(KnownPromptSymbols.Unwrap(copied), entries, depth + 1);
                    }

                    return creation.Initializer is { } initializer && ReadInitializer(initializer, entries);
                case IInvocationOperation call when System.Array.IndexOf(Wrappers, call.TargetMethod.Name) >= 0:
                    copied = call.Instance;
                    foreach (var argument in call.Arguments)
                    {
                        if (call.Instance == null && argument.Parameter?.Ordinal == 0)
                        {
                            copied = argument.Value;
                        }
                        else if (argument.Value.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } || argument.Value is IDelegateCreationOperation)
                        {
                            // `ToDictionary(p => p.Key, p => Decorate(p.Value))`: the values are computed, not written.
                            return false;
                        }
                    }

                    return copied != null && ReadEntries(KnownPromptSymbols.Unwrap(copied), entries, depth + 1);
                default:
                    return false;
            }
        }

        private bool IsCollection(ITypeSymbol? type) =>
            type != null && type.SpecialType != SpecialType.System_String && HasStringValues(type);

        private static bool ReadInitializer(IObjectOrCollectionInitializerOperation initializer, List<DictionaryEntry> entries)
        {
            foreach (var element in initializer.Initializers)
            {
                switch (element)
                {
                    // `["cost"] = "You are ..."`
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: true }, Arguments: { Length: 1 } } target } assignment:
                        entries.Add(new DictionaryEntry(target.Arguments[0].Value, assignment.Value));
                        break;

                    // `{ "cost", "You are ..." }`: the implicit Add(key, value).
                    case IInvocationOperation { Arguments: { Length: 2 } } add:
                        entries.Add(new DictionaryEntry(add.Arguments[0].Value, add.Arguments[1].Value));
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary>The text of a key for a prompt's name: a string or number as written, an enum member by its name.</summary>
        internal static string KeyName(IOperation key)
        {
            key = KnownPromptSymbols.Unwrap(key);
            if (key is IFieldReferenceOperation { Field: { ContainingType: { TypeKind: TypeKind.Enum } } enumMember })
            {
                return enumMember.Name;
            }

            return key.ConstantValue.HasValue && key.ConstantValue.Value != null
                ? System.Convert.ToString(key.ConstantValue.Value, CultureInfo.InvariantCulture) ?? key.Syntax.ToString()
                : key.Syntax.ToString();
        }
    }
}
