using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An injected registry whose method returns a dictionary of tool lists, one entry per configured server
    /// (<c>Task&lt;IDictionary&lt;string, IList&lt;AITool&gt;&gt;&gt; GetToolsByCategoryAsync()</c>), flattened by the
    /// caller through <c>.Values.SelectMany(t =&gt; t)</c> or <c>SelectMany(kv =&gt; kv.Value)</c>: the flat-list
    /// registry (<c>Task&lt;IList&lt;AITool&gt;&gt; GetToolsAsync()</c>) in another container. The call is read like that
    /// one: what the project's implementations return (each the union of the lists its dictionary is filled with, see
    /// CatalogEvaluator.Dictionaries), else the "injected registry" verdict. A caller that does anything with the
    /// dictionary but read its values, keys or count (writes an entry, removes one, hands it on) changes what it holds,
    /// and the dictionary is not followed.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary><c>await registry.GetToolsByCategoryAsync()</c>: the union of its dictionary's lists; null when not that call.</summary>
        private CatalogContent? RegistryDictionary(IOperation? value, IOperation entry)
        {
            value = TypeIndex.Strip(value);
            if (value is IAwaitOperation awaited)
            {
                value = TypeIndex.Strip(awaited.Operation);
            }

            if (value is not IInvocationOperation invocation || !IsRegistry(invocation.Instance)
                || !IsToolListDictionary(UnwrapTask(invocation.Type)) || !HasNoInput(invocation))
            {
                return null;
            }

            var content = FollowImplementations(invocation.TargetMethod, entry, invocation.Syntax, dictionaries: true)
                ?? CatalogContent.From(new UnboundedSource($"the injected tool registry '{Describe(invocation.Syntax)}'", entry, fixable: true), fromMcp: false);

            // A key written twice keeps one list, and which servers are configured is not known: no count.
            return content.MaybeFewer();
        }

        /// <summary>A local assigned once, from the registry's call, and only read for its lists by its member.</summary>
        private CatalogContent? ReceivedFromRegistry(ISymbol holder, IOperation entry)
        {
            if (holder is not ILocalSymbol local || !_index.Writes.TryGetValue(local, out var writes) || writes.Count != 1
                || _index.Mutations.ContainsKey(local) || !OnlyReadForItsLists(local, entry) || !_visiting.Add(local))
            {
                return null;
            }

            try
            {
                return RegistryDictionary(writes[0], entry);
            }
            finally
            {
                _visiting.Remove(local);
            }
        }

        /// <summary>
        /// Every reference to the local reads <c>.Values</c>, <c>.Keys</c> or <c>.Count</c>, or hands it to a LINQ
        /// operator (<c>Where</c>, <c>SelectMany</c>): nothing the caller does replaces, removes or adds a list.
        /// </summary>
        private bool OnlyReadForItsLists(ILocalSymbol local, IOperation entry)
        {
            var compilation = _project?.Compilation ?? entry.SemanticModel?.Compilation;
            if (compilation == null || FillScopes(local) is not { Count: 1 } scopes)
            {
                return false;
            }

            var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, scopes[0].SyntaxTree);
            foreach (var node in scopes[0].DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != local.Name
                    || model.GetOperation(name) is not ILocalReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var parent = reference.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                var read = parent switch
                {
                    IPropertyReferenceOperation { Property.Name: "Values" or "Keys" or "Count" } property => property.Instance == reference,
                    IArgumentOperation { Parent: IInvocationOperation linq } => SymbolEqualityComparer.Default.Equals(linq.TargetMethod.ContainingType, _symbols.Enumerable),
                    _ => false,
                };
                if (!read)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What an implementation returns, each returned value read as a dictionary of tool lists; null when one is not.</summary>
        private CatalogContent? FollowDictionaryReturns(IMethodSymbol method, IOperation entry, SyntaxNode via)
        {
            var values = _project!.ReturnedValues(method);
            if (values.Count == 0 || method.ContainingType == null)
            {
                return null;
            }

            var evaluator = new CatalogEvaluator(_symbols, _project.IndexOf(method.ContainingType), _cap, _project, _depth + 1);
            CatalogContent? result = null;
            foreach (var value in values)
            {
                if (evaluator.DictionaryContent(value, value) is not { } content)
                {
                    return null;
                }

                result = result == null ? content : result.Or(content);
            }

            return Rehome(result!, entry, via);
        }
    }
}
