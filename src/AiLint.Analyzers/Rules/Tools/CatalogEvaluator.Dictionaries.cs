using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A dictionary of tool lists, one entry per configured MCP server (<c>Dictionary&lt;string, IList&lt;McpClientTool&gt;&gt;
    /// _plugins</c>, filled with <c>_plugins[name] = await client.ListToolsAsync()</c>, <c>Add(name, list)</c> or
    /// <c>TryAdd</c>), flattened into a catalog: <c>_plugins.SelectMany(p =&gt; p.Value)</c> (after an optional
    /// <c>Where</c> on the server's key, an enable/disable switch) or <c>_plugins.Values.SelectMany(x =&gt; x)</c>. The
    /// catalog is the union of every list stored in it: an unbounded source among them stays unbounded, and each list's
    /// own allow-list or <c>Take(n)</c> bounds it as it would in a plain list.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The union of a dictionary's lists a <c>SelectMany</c> reads; null when it is not that shape.</summary>
        private CatalogContent? DictionaryUnion(IInvocationOperation selectMany, IOperation entry)
        {
            if (selectMany.Arguments.Length != 2
                || TypeIndex.Strip(selectMany.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
                || selector.Symbol.Parameters.Length != 1
                || TypeIndex.Strip(ReturnedValue(selector.Body)) is not { } selected)
            {
                return null;
            }

            var item = selector.Symbol.Parameters[0];
            var source = TypeIndex.Strip(selectMany.Arguments[0].Value);
            IOperation? dictionary;
            if (selected is IPropertyReferenceOperation { Property.Name: "Value", Instance: IParameterReferenceOperation pair }
                && SymbolEqualityComparer.Default.Equals(pair.Parameter, item))
            {
                // _plugins.Where(p => enabled.Contains(p.Key)).SelectMany(p => p.Value): the switch picks servers, not tools.
                while (source is IInvocationOperation { TargetMethod.Name: "Where", Arguments.Length: 2 } where
                    && SymbolEqualityComparer.Default.Equals(where.TargetMethod.ContainingType, _symbols.Enumerable)
                    && ReadsOnlyKey(where.Arguments[1].Value))
                {
                    source = TypeIndex.Strip(where.Arguments[0].Value);
                }

                dictionary = source;
            }
            else if (selected is IParameterReferenceOperation list && SymbolEqualityComparer.Default.Equals(list.Parameter, item)
                && source is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } values })
            {
                dictionary = values;
            }
            else
            {
                return null;
            }

            return DictionaryContent(dictionary, entry);
        }

        /// <summary>
        /// The union of the lists a dictionary of tool lists holds: one filled in view (a private field, a local), or one
        /// an injected registry returns (CatalogEvaluator.RegistryDictionaries). Null when it is neither.
        /// </summary>
        private CatalogContent? DictionaryContent(IOperation? dictionary, IOperation entry)
        {
            dictionary = TypeIndex.Strip(dictionary);
            if (TypeIndex.Holder(dictionary) is not { } holder)
            {
                return RegistryDictionary(dictionary, entry);
            }

            return IsToolListDictionary(HolderType(holder)) ? DictionaryFills(holder, entry) ?? ReceivedFromRegistry(holder, entry) : null;
        }

        /// <summary><c>p =&gt; enabled.Contains(p.Key)</c>: a predicate that reads nothing of the entry but its key.</summary>
        private static bool ReadsOnlyKey(IOperation predicate)
        {
            if (TypeIndex.Strip(predicate) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } || lambda.Symbol.Parameters.Length != 1)
            {
                return false;
            }

            var pair = lambda.Symbol.Parameters[0];
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, pair)
                    && reference.Parent is not IPropertyReferenceOperation { Property.Name: "Key" })
                {
                    return false;
                }
            }

            return true;
        }

        private static ITypeSymbol? HolderType(ISymbol holder) => holder switch
        {
            IFieldSymbol field => field.Type,
            ILocalSymbol local => local.Type,
            _ => null,
        };

        /// <summary><c>Dictionary</c>, <c>ConcurrentDictionary</c>, <c>IDictionary</c>, <c>IReadOnlyDictionary</c> whose values are tool collections.</summary>
        private bool IsToolListDictionary(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeArguments.Length: 2 } named
            && named.Name is "Dictionary" or "ConcurrentDictionary" or "IDictionary" or "IReadOnlyDictionary"
            && named.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections.Concurrent"
            && _symbols.IsToolCollection(named.TypeArguments[1]);

        /// <summary>
        /// Every list stored into a private field (in its type's declarations) or a local (in its member), united. Null
        /// when the holder is not one of those, or is ever assigned anything but a new, empty dictionary.
        /// </summary>
        private CatalogContent? DictionaryFills(ISymbol holder, IOperation entry)
        {
            if (!(FillScopes(holder) is { } scopes) || !OnlyCreatedEmpty(holder))
            {
                return null;
            }

            var compilation = _project?.Compilation ?? entry.SemanticModel?.Compilation;
            if (compilation == null || !_visiting.Add(holder))
            {
                return null;
            }

            try
            {
                CatalogContent? union = null;
                foreach (var scope in scopes)
                {
                    var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    foreach (var node in scope.DescendantNodes())
                    {
                        // `collection._plugins[name] = tools` in a factory: the member access is the read.
                        if (node is IdentifierNameSyntax name && name.Identifier.ValueText == holder.Name
                            && StoredList(model.GetOperation(name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name), holder) is { } stored)
                        {
                            var content = Collection(stored, entry);
                            union = union == null ? content : union.Plus(content);
                        }
                    }
                }

                // A key written twice keeps one list, and which servers are configured is not known: no count.
                return union?.MaybeFewer();
            }
            finally
            {
                _visiting.Remove(holder);
            }
        }

        /// <summary>
        /// Where every change to a holder of per-server lists can be: a private field's type declarations, or a local's
        /// member (the file, for top-level statements). Null for any other holder, whose changes are not all in view.
        /// </summary>
        private static List<SyntaxNode>? FillScopes(ISymbol holder)
        {
            var scopes = new List<SyntaxNode>();
            switch (holder)
            {
                case IFieldSymbol { DeclaredAccessibility: Accessibility.Private, ContainingType: { } type }:
                    foreach (var reference in type.DeclaringSyntaxReferences)
                    {
                        scopes.Add(reference.GetSyntax());
                    }

                    return scopes;
                case ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local
                        when FirstAncestor<MemberDeclarationSyntax>(local.DeclaringSyntaxReferences[0].GetSyntax()) is { } member:
                    // Top-level statements: every statement of the file is the member.
                    scopes.Add(member is GlobalStatementSyntax ? member.SyntaxTree.GetRoot() : member);
                    return scopes;
                default:
                    return null;
            }
        }

        /// <summary>Whether the holder is only ever assigned a new, empty collection (a capacity or a comparer adds nothing).</summary>
        private bool OnlyCreatedEmpty(ISymbol holder)
        {
            if (_index.Writes.TryGetValue(holder, out var writes))
            {
                foreach (var write in writes)
                {
                    if (TypeIndex.Strip(write) is not IObjectCreationOperation { Initializer: null } created || HasCollectionArgument(created))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The list a read of the holder stores: <c>holder[key] = list</c>, <c>holder.Add(key, list)</c>, <c>holder.TryAdd(key, list)</c>.</summary>
        private static IOperation? StoredList(IOperation? read, ISymbol holder)
        {
            if (read == null || !SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(read), holder))
            {
                return null;
            }

            switch (read.Parent)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Parent: ISimpleAssignmentOperation assignment } indexer
                        when indexer.Instance == read && assignment.Target == indexer:
                    return assignment.Value;
                case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2 } add when add.Instance == read:
                    return add.Arguments[1].Value;
                default:
                    return null;
            }
        }

        private bool HasCollectionArgument(IObjectCreationOperation created)
        {
            foreach (var argument in created.Arguments)
            {
                // new Dictionary<...>(other): a copy of entries AiLint does not follow. A capacity or a comparer adds none.
                if (argument.Value.Type is { } type && type.SpecialType != SpecialType.System_Int32
                    && !System.Linq.Enumerable.Any(type.AllInterfaces, candidate => candidate.Name == "IEqualityComparer"))
                {
                    return true;
                }
            }

            return false;
        }

        private static T? FirstAncestor<T>(SyntaxNode node)
            where T : SyntaxNode
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is T found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
