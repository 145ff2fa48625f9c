using System.Collections.Generic;
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
    /// CatalogEvaluator.Dictionaries), else the "injected registry" verdict. The caller may add lists of its own under
    /// new keys (they join the union) and hand the dictionary to a method of the project that only reads it; one that
    /// does anything else with it (reads an entry to rewrite it, removes one, hands it to code not in view) may change
    /// what it holds, and the dictionary is not followed.
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

        /// <summary>
        /// A local assigned once, from the registry's call: the registry's lists, plus any list its member stores in it
        /// (<c>toolsByCategory["Images"] = [imageTool]</c>). Null when the member does anything else that may change the
        /// lists (see <see cref="OnlyReadOrFilled"/>).
        /// </summary>
        private CatalogContent? ReceivedFromRegistry(ISymbol holder, IOperation entry)
        {
            var compilation = _project?.Compilation ?? entry.SemanticModel?.Compilation;
            if (holder is not ILocalSymbol local || !_index.Writes.TryGetValue(local, out var writes) || writes.Count != 1
                || compilation == null || FillScopes(local) is not { Count: 1 } scopes || !_visiting.Add(local))
            {
                return null;
            }

            try
            {
                var stored = new List<IOperation>();
                if (!OnlyReadOrFilled(local, scopes[0], compilation, stored) || RegistryDictionary(writes[0], entry) is not { } received)
                {
                    return null;
                }

                foreach (var list in stored)
                {
                    received = received.Plus(Collection(list, entry));
                }

                // A list the caller stores may replace one of the registry's: no count.
                return received.MaybeFewer();
            }
            finally
            {
                _visiting.Remove(local);
            }
        }

        /// <summary>
        /// Every reference to the dictionary in <paramref name="scope"/> reads its <c>.Values</c>, <c>.Keys</c> or
        /// <c>.Count</c>, looks a key up, hands it to a LINQ operator or a <c>foreach</c>, stores a list under a key (added
        /// to <paramref name="stored"/>; null when stores are not allowed), or passes it to a method of the project
        /// whose parameter is only read the same way (a router that counts or picks from it). Anything else (an indexer
        /// read, a <c>Remove</c>, a hand-off to code not in view) may change what it holds.
        /// </summary>
        private bool OnlyReadOrFilled(ISymbol dictionary, SyntaxNode scope, Compilation compilation, List<IOperation>? stored)
        {
            var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != dictionary.Name
                    || model.GetOperation(name) is not { } reference
                    || !SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(reference), dictionary))
                {
                    continue;
                }

                if (StoredList(reference, dictionary) is { } list)
                {
                    if (stored == null)
                    {
                        return false;
                    }

                    stored.Add(list);
                    continue;
                }

                var parent = reference.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                var read = parent switch
                {
                    IPropertyReferenceOperation { Property.Name: "Values" or "Keys" or "Count", Property.IsIndexer: false } => true,
                    IInvocationOperation { TargetMethod.Name: "ContainsKey" or "TryGetValue" } => true,
                    IForEachLoopOperation => true,
                    IArgumentOperation { Parent: IInvocationOperation call } argument =>
                        SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.Enumerable)
                        || stored != null && ParameterOnlyRead(argument, compilation),
                    _ => false,
                };
                if (!read)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The dictionary handed to a method of the project (not abstract) whose parameter its body only reads.</summary>
        private bool ParameterOnlyRead(IArgumentOperation argument, Compilation compilation)
        {
            if (argument.Parameter is not { ContainingSymbol: IMethodSymbol { IsAbstract: false, MethodKind: MethodKind.Ordinary } method } parameter
                || _project == null || !_project.IsInSource(method.OriginalDefinition)
                || method.OriginalDefinition.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            // stored: null, so one hop only: the callee may not store into it nor hand it on.
            return OnlyReadOrFilled(parameter.OriginalDefinition, method.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax(), compilation, stored: null);
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
