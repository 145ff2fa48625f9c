using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A dictionary of per-server tool lists (CatalogEvaluator.Dictionaries, CatalogEvaluator.RegistryDictionaries)
    /// flattened by a loop instead of <c>SelectMany</c>:
    /// <c>foreach (var list in toolsByServer.Values) tools.AddRange(list);</c>,
    /// <c>foreach (var (server, list) in toolsByServer) tools.AddRange(list);</c> and
    /// <c>foreach (var kv in toolsByServer) tools.AddRange(kv.Value);</c>. The loop's list (the element, the pair's
    /// value) holds, over the iterations, every list stored in the dictionary: it is read as their union, as the
    /// <c>SelectMany</c> forms are, so each stored list's own allow-list or <c>Take(n)</c> bounds it, and a filter of
    /// the list inside the loop (<c>AddRange(list.Where(t =&gt; allowed.Contains(t.Name)))</c>, an inner <c>foreach</c>
    /// with an allow-list <c>if</c>) is read where it is written.
    /// </summary>
    /// <remarks>
    /// The sources enter the catalog through the loop's collection and offer no fix: a <c>Take</c> there would cap the
    /// number of servers, and one on the list inside the loop would cap each server, not the catalog. A loop that may
    /// leave early (a <c>break</c>, a <c>return</c>) is assumed to cap itself, as every loop is, and a list changed in
    /// the loop's body is not followed.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <c>list</c> of <c>foreach (var list in dict.Values)</c> or <c>foreach (var (server, list) in dict)</c> over a
        /// dictionary of tool lists: the union of its lists. Null for any other local.
        /// </summary>
        private CatalogContent? DictionaryLoopList(ILocalSymbol local, IOperation entry)
        {
            if (local.DeclaringSyntaxReferences.Length != 1 || !_symbols.IsToolCollection(local.Type))
            {
                return null;
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
            switch (declaration)
            {
                case ForEachStatementSyntax loop when DictionaryLoop(loop, local, entry) is { } forEach
                        && TypeIndex.Strip(forEach.Collection) is IPropertyReferenceOperation { Property.Name: "Values", Property.IsIndexer: false, Instance: { } dictionary }:
                    return DictionaryLoopUnion(forEach, dictionary);
                case SingleVariableDesignationSyntax designation when ForEachOf(designation, out var position) is { } loop
                        && position == 1 && loop.Variable is DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax { Variables.Count: 2 } }
                        && DictionaryLoop(loop, local, entry) is { } forEach:
                    // KeyValuePair<K, V>.Deconstruct(out key, out value): the second local is the value.
                    return DictionaryLoopUnion(forEach, forEach.Collection);
                default:
                    return null;
            }
        }

        /// <summary><c>kv.Value</c> of <c>foreach (var kv in dict)</c> over a dictionary of tool lists: the union of its lists.</summary>
        private CatalogContent? DictionaryLoopPairValue(IPropertyReferenceOperation value, IOperation entry)
        {
            if (value is not { Property.Name: "Value", Property.IsIndexer: false, Instance: ILocalReferenceOperation { Local: { } pair } }
                || pair.DeclaringSyntaxReferences.Length != 1
                || pair.DeclaringSyntaxReferences[0].GetSyntax() is not ForEachStatementSyntax loop
                || DictionaryLoop(loop, pair, entry) is not { } forEach)
            {
                return null;
            }

            return DictionaryLoopUnion(forEach, forEach.Collection);
        }

        /// <summary>
        /// The loop's operation, when its variable is not changed in the body and the loop runs to its end; null
        /// otherwise (a <c>break</c> or <c>return</c> may be a cap of its own).
        /// </summary>
        private IForEachLoopOperation? DictionaryLoop(SyntaxNode loop, ILocalSymbol variable, IOperation entry)
        {
            var model = _project != null
                ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(_project.Compilation, loop.SyntaxTree)
                : entry.SemanticModel?.SyntaxTree == loop.SyntaxTree ? entry.SemanticModel : null;
            if (model?.GetOperation(loop) is not IForEachLoopOperation forEach
                || _index.Mutations.ContainsKey(variable) || _index.Writes.ContainsKey(variable)
                || LoopAwareMutation.MayLeaveEarly(forEach))
            {
                return null;
            }

            return forEach;
        }

        /// <summary>
        /// The union of the lists of <paramref name="dictionary"/> (a holder filled in view, or an injected registry's
        /// dictionary), entering through the loop's collection with no fix. Null when the dictionary is neither.
        /// </summary>
        private CatalogContent? DictionaryLoopUnion(IForEachLoopOperation forEach, IOperation dictionary)
        {
            var loopEntry = TypeIndex.Strip(forEach.Collection)!;
            var stripped = TypeIndex.Strip(dictionary);
            if (stripped?.Type is not { } type || !IsToolListDictionary(type) || DictionaryContent(stripped, loopEntry) is not { } union)
            {
                return null;
            }

            // A source whose entry is inside the fill (a list built by Adds before it is stored) keeps its own fix there.
            return union.Unbounded.IsEmpty
                ? union
                : union.WithUnboundedSources(ImmutableArray.CreateRange(union.Unbounded,
                    source => ReferenceEquals(source.Entry, loopEntry) ? source.Through(string.Empty, loopEntry, fixable: false) : source));
        }

        /// <summary>Whether the loop reads the lists of a dictionary of tool lists (its values, or its pairs).</summary>
        private bool IsDictionaryLoop(IForEachLoopOperation forEach)
        {
            var collection = TypeIndex.Strip(forEach.Collection);
            if (collection is IPropertyReferenceOperation { Property.Name: "Values", Property.IsIndexer: false, Instance: { } values })
            {
                collection = TypeIndex.Strip(values);
            }

            return collection?.Type is { } type && IsToolListDictionary(type);
        }
    }
}
