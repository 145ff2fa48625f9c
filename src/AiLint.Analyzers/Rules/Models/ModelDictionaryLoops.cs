using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A model slot fed by a loop over every entry of a fixed feature-to-model dictionary (review74 repro-1,
    /// mkutyba/ai-devs' "register every model" startup code), which reads every value as <c>Models[feature]</c> with a
    /// key that is not constant does (<see cref="ModelDictionaries"/>):
    /// <c>foreach (var pair in Models) slot(pair.Value)</c>, <c>foreach (var (key, model) in Models) slot(model)</c>, and,
    /// for a table of tuples, <c>var (modelId, provider) = pair.Value;</c> then <c>slot(modelId)</c> (that element of each
    /// entry). The loop's element must be the dictionary's own <c>KeyValuePair</c> (not a filtered or projected sequence),
    /// and a local the deconstruction declares must not be written again in its member.
    /// </summary>
    internal static class ModelDictionaryLoops
    {
        /// <summary>
        /// The dictionary a loop walks and, for a deconstructed tuple value, the element of each entry's value that
        /// <paramref name="value"/> reads (null: the value itself); null when it reads no loop's value.
        /// </summary>
        public static (IOperation Dictionary, int? Element)? Read(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case IPropertyReferenceOperation { Property: { Name: "Value", IsStatic: false } property, Instance: ILocalReferenceOperation { Local: var pair } }
                        when IsKeyValuePair(property.ContainingType, compilation):
                    // pair.Value, pair the loop's own variable.
                    return pair.DeclaringSyntaxReferences.Length == 1 && pair.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ForEachStatementSyntax pairLoop
                        && Walked(pairLoop, compilation, cancellationToken) is { } pairs
                        ? (pairs, null)
                        : null;

                case ILocalReferenceOperation { Local: { DeclaringSyntaxReferences.Length: 1 } local }
                        when local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is SingleVariableDesignationSyntax
                        {
                            Parent: ParenthesizedVariableDesignationSyntax { Parent: DeclarationExpressionSyntax declaration } names,
                        } designation:
                    var position = names.Variables.IndexOf(designation);
                    switch (declaration.Parent)
                    {
                        case ForEachVariableStatementSyntax loop when position == 1 && names.Variables.Count == 2:
                            // foreach (var (key, model) in Models): the pair's second part is its value.
                            return Walked(loop, compilation, cancellationToken) is { } walked ? (walked, null) : null;

                        case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment
                                when assignment.Left == declaration && !ModelDictionaries.Rewritten(local, designation, cancellationToken)
                                && SourceBodies.GetSemanticModel(compilation, assignment.SyntaxTree).GetOperation(assignment.Right, cancellationToken) is { } deconstructed
                                && Read(ModelIdValue.Unwrap(deconstructed), compilation, cancellationToken) is (var deconstructedDictionary, null)
                                && deconstructed.Type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == names.Variables.Count:
                            // var (modelId, provider) = pair.Value;: that element of each entry's tuple.
                            return (deconstructedDictionary, position);

                        default:
                            return null;
                    }

                default:
                    return null;
            }
        }

        // The dictionary a foreach walks: its collection as written, whose elements are the dictionary's own pairs.
        private static IOperation? Walked(CommonForEachStatementSyntax loop, Compilation compilation, CancellationToken cancellationToken)
        {
            var model = SourceBodies.GetSemanticModel(compilation, loop.SyntaxTree);
            if (!IsKeyValuePair(model.GetForEachStatementInfo(loop).ElementType, compilation)
                || model.GetOperation(loop, cancellationToken) is not IForEachLoopOperation { Collection: var collection })
            {
                return null;
            }

            var walked = ModelIdValue.Unwrap(collection);
            return walked.Kind is OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.LocalReference ? walked : null;
        }

        private static bool IsKeyValuePair(ITypeSymbol? type, Compilation compilation) =>
            type != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair`2"));
    }
}
