using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A system prompt returned beside the user's turn in a tuple: <c>var (system, user) = PromptBuilder.Build(topic);
    /// messages.Add(new SystemChatMessage(system));</c>, <c>(string system, string user) = Build(topic)</c>, or the held
    /// result read by element (<c>result.System</c>, <c>result.Item1</c>, <c>Build(topic).System</c>). The element is
    /// followed to that element of each tuple the project's method returns, as <see cref="ResolveReturned"/> follows a
    /// returned string (the same project methods: not virtual, abstract or an interface member, whose body may be another).
    /// </summary>
    internal sealed partial class PromptFlow
    {
        /// <summary>The call and the element index a tuple element read at a slot comes from, or null.</summary>
        private (IInvocationOperation Call, int Index)? TupleElementSource(IOperation value, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case IFieldReferenceOperation { Field: { ContainingType: { IsTupleType: true } tuple } field, Instance: { } instance }:
                    var index = TupleIndex(tuple, field);
                    var held = KnownPromptSymbols.Unwrap(instance);
                    if (held is ILocalReferenceOperation local)
                    {
                        held = LocalInitializer(local, cancellationToken) is { } initializer ? KnownPromptSymbols.Unwrap(initializer) : null;
                    }

                    return index >= 0 && held is IInvocationOperation call ? (call, index) : null;
                case ILocalReferenceOperation deconstructed:
                    return DeconstructedFrom(deconstructed.Local, cancellationToken);
                default:
                    return null;
            }
        }

        private static int TupleIndex(INamedTypeSymbol tuple, IFieldSymbol field)
        {
            var elements = tuple.TupleElements;
            for (var i = 0; i < elements.Length; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField, field.CorrespondingTupleField ?? field))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// <c>var (system, user) = Build(topic);</c> or <c>(string system, string user) = Build(topic);</c>: the call and the
        /// local's position, when the local is written nowhere else in its block.
        /// </summary>
        private (IInvocationOperation Call, int Index)? DeconstructedFrom(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is SingleVariableDesignationSyntax designation))
            {
                return null;
            }

            // `var (a, b)`: the designation sits in a parenthesized designation; `(string a, string b)`: in a tuple argument.
            SyntaxNode? position = designation.Parent is ParenthesizedVariableDesignationSyntax
                ? designation
                : designation.Parent is DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: TupleExpressionSyntax } argument } ? argument : null;
            var list = position?.Parent;
            var left = list is ParenthesizedVariableDesignationSyntax ? list.Parent : list;
            if (position == null
                || !(left?.Parent is AssignmentExpressionSyntax assignment) || assignment.Left != left
                || assignment.ContainsDiagnostics
                || !(assignment.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax) is { } scope)
                || IsWrittenAgain(scope, local.Name))
            {
                return null;
            }

            var index = list is ParenthesizedVariableDesignationSyntax designations
                ? designations.Variables.IndexOf((VariableDesignationSyntax)position)
                : ((TupleExpressionSyntax)list!).Arguments.IndexOf((ArgumentSyntax)position);
            var model = SourceBodies.GetSemanticModel(compilation, assignment.SyntaxTree);
            return index >= 0 && model.GetOperation(assignment.Right, cancellationToken) is { } right && KnownPromptSymbols.Unwrap(right) is IInvocationOperation call
                ? (call, index)
                : null;
        }

        /// <summary>
        /// <c>var (system, user) = turns.Build(question, context);</c> through an interface or abstract method (of the
        /// project, or of a referenced project that has no implementation of its own, <see cref="ReferencedContracts"/>):
        /// the returns of every implementation, when the project holds each one that can run
        /// (<see cref="AbstractImplementations.Find"/>) and each has a body here; null otherwise (the set of tuples is open).
        /// </summary>
        private List<IOperation>? ImplementationReturns(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var contract = call.TargetMethod.OriginalDefinition;
            if (!call.IsVirtual
                || contract.IsStatic
                || !ReferencedContracts.RunsOnlyBodiesHere(contract, compilation, cancellationToken)
                || !(AbstractImplementations.Find(contract, compilation, cancellationToken) is { Count: > 0 } implementations))
            {
                return null;
            }

            var returned = new List<IOperation>();
            foreach (var implementation in implementations)
            {
                var values = SourceBodies.ReturnedValues(implementation, compilation, cancellationToken);
                if (values.Count == 0)
                {
                    return null;
                }

                returned.AddRange(values);
            }

            return returned;
        }

        /// <summary>The element at <paramref name="index"/> of each tuple the called project method returns; null if one is not a tuple written there.</summary>
        private List<IOperation>? ReturnedTupleElements(IInvocationOperation call, int index, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (!method.ReturnType.IsTupleType
                || !((ProjectMethodReturns(method, compilation, cancellationToken) ?? ImplementationReturns(call, cancellationToken)) is { } returned))
            {
                return null;
            }

            var elements = new List<IOperation>(returned.Count);
            foreach (var value in returned)
            {
                if (value.Syntax.ContainsDiagnostics
                    || !(KnownPromptSymbols.Unwrap(value) is ITupleOperation tuple)
                    || index >= tuple.Elements.Length)
                {
                    return null;
                }

                elements.Add(tuple.Elements[index]);
            }

            return elements;
        }
    }
}
