using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A list of per-server holder objects, each carrying that server's tools (review91, GreenShadeZhang's
    /// <c>McpToolService</c>): <c>_mcpClients.Add(new McpClientWrapper { Config = serverConfig, Client = client, Tools =
    /// tools.Cast&lt;AITool&gt;().ToList() })</c> in a loop over configured servers, flattened with
    /// <c>_mcpClients.SelectMany(c =&gt; c.Tools)</c>. The same catalog as the dictionary of lists
    /// (<see cref="DictionaryUnion"/>) in another container: the union of every list stored in a holder's tools property.
    /// </summary>
    /// <remarks>
    /// Followed only when every change is in view: the list of holders is a private field (or a local) only ever
    /// assigned a new empty list, every element is added as <c>Add(new W { ..., Tools = list })</c> (an added holder made
    /// elsewhere, or one that does not set the tools, is not followed), the list is otherwise only read (no
    /// <c>Insert</c>, <c>AddRange</c>, indexer write, or hand-over to a method of the project), and the tools property
    /// is written nowhere else and never changed in place (<c>c.Tools.RemoveAll(...)</c> may filter it) in the holder
    /// type's code or the list owner's.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        private static readonly HashSet<string> GrowingCalls = new HashSet<string> { "Insert", "InsertRange", "AddRange" };

        private static readonly HashSet<string> ListChangingCalls = new HashSet<string>
        {
            "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear", "TryAdd",
        };

        /// <summary>The union of the tools lists a <c>holders.SelectMany(c =&gt; c.Tools)</c> reads; null when it is not that shape.</summary>
        private CatalogContent? WrapperListUnion(IInvocationOperation selectMany, IOperation entry)
        {
            if (selectMany.Arguments.Length != 2
                || TypeIndex.Strip(selectMany.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation selector }
                || selector.Symbol.Parameters.Length != 1
                || TypeIndex.Strip(ReturnedValue(selector.Body)) is not IPropertyReferenceOperation { Instance: IParameterReferenceOperation element } selected
                || !SymbolEqualityComparer.Default.Equals(element.Parameter, selector.Symbol.Parameters[0])
                || !_symbols.IsToolCollection(selected.Property.Type)
                || selected.Property.ContainingType is not { DeclaringSyntaxReferences.Length: > 0 } wrapperType
                || TypeIndex.Holder(selectMany.Arguments[0].Value) is not { } holder
                || !IsListOf(HolderType(holder), wrapperType)
                || FillScopes(holder) is not { } scopes
                || !OnlyCreatedEmpty(holder))
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
                var toolsProperty = selected.Property.OriginalDefinition;
                var stored = new List<IOperation>();
                var ownWrites = new HashSet<SyntaxNode>();
                foreach (var scope in scopes)
                {
                    var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                    foreach (var node in scope.DescendantNodes())
                    {
                        if (node is IdentifierNameSyntax name && name.Identifier.ValueText == holder.Name
                            && model.GetOperation(name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name) is { } read
                            && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(read), holder)
                            && !ReadOfHolderList(read, toolsProperty, stored, ownWrites))
                        {
                            return null;
                        }
                    }
                }

                // The tools property is written only by those additions and never changed in place, in the list owner's
                // code or the holder type's own.
                foreach (var reference in wrapperType.DeclaringSyntaxReferences)
                {
                    scopes.Add(reference.GetSyntax());
                }

                if (stored.Count == 0 || !ToolsOnlyStored(scopes, compilation, toolsProperty, ownWrites))
                {
                    return null;
                }

                CatalogContent? union = null;
                foreach (var list in stored)
                {
                    var content = Collection(list, entry);
                    union = union == null ? content : union.Plus(content);
                }

                // Which servers are configured is not known: no count.
                return union?.MaybeFewer();
            }
            finally
            {
                _visiting.Remove(holder);
            }
        }

        /// <summary><c>List&lt;W&gt;</c>, <c>IList&lt;W&gt;</c> or <c>ICollection&lt;W&gt;</c> of System.Collections.Generic.</summary>
        private static bool IsListOf(ITypeSymbol? type, INamedTypeSymbol element) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.Name is "List" or "IList" or "ICollection"
            && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0].OriginalDefinition, element.OriginalDefinition);

        /// <summary>
        /// One read of the list of holders: an <c>Add(new W { Tools = list })</c> (its list kept in <paramref name="stored"/>),
        /// or a read that adds nothing and hands the list to no code of the project. False for anything else.
        /// </summary>
        private static bool ReadOfHolderList(IOperation read, IPropertySymbol toolsProperty, List<IOperation> stored, HashSet<SyntaxNode> ownWrites)
        {
            // `foreach (var c in _mcpClients)` reads the list through a conversion.
            while (read.Parent is IConversionOperation conversion)
            {
                read = conversion;
            }

            switch (read.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when ReferenceEquals(add.Instance, read):
                    if (TypeIndex.Strip(add.Arguments[0].Value) is not IObjectCreationOperation { Initializer: { } initializer })
                    {
                        return false;
                    }

                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                            && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, toolsProperty))
                        {
                            stored.Add(assignment.Value);
                            ownWrites.Add(target.Syntax);
                            return true;
                        }
                    }

                    return false;
                case IInvocationOperation call when ReferenceEquals(call.Instance, read):
                    return !GrowingCalls.Contains(call.TargetMethod.Name) && call.TargetMethod.DeclaringSyntaxReferences.Length == 0;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    // A LINQ call or another library method: reads the holders; a method of the project may add to them.
                    return call.TargetMethod.DeclaringSyntaxReferences.Length == 0 && call.TargetMethod.Name != "Add";
                case IPropertyReferenceOperation { Property.IsIndexer: false }:
                case IForEachLoopOperation:
                    return true;
                default:
                    // A declaration or initializer of the field itself is no read; an indexer, an assignment or a return is.
                    return read.Parent is IFieldInitializerOperation || read.Parent is IVariableInitializerOperation;
            }
        }

        /// <summary>Whether every reference to the tools property is one of the stored writes or a read that changes nothing.</summary>
        private static bool ToolsOnlyStored(List<SyntaxNode> scopes, Compilation compilation, IPropertySymbol toolsProperty, HashSet<SyntaxNode> ownWrites)
        {
            foreach (var scope in scopes)
            {
                var model = AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != toolsProperty.Name || ownWrites.Contains(name))
                    {
                        continue;
                    }

                    var operation = model.GetOperation(name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name);
                    if (operation is not IPropertyReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Property.OriginalDefinition, toolsProperty))
                    {
                        continue;
                    }

                    if (ownWrites.Contains(reference.Syntax))
                    {
                        continue;
                    }

                    // `Tools = { a, b }` adds to the list; `w.Tools = other`, `w.Tools.RemoveAll(...)` and a hand-over to a
                    // method of the project change it.
                    if (reference.Parent is IMemberInitializerOperation
                        || reference.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
                        || reference.Parent is IInvocationOperation call && ReferenceEquals(call.Instance, reference) && ListChangingCalls.Contains(call.TargetMethod.Name)
                        || reference.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.Length: > 0 } })
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
