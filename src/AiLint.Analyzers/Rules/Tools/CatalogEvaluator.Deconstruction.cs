using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A local declared by a deconstruction: <c>var (client, tools) = await ConnectAsync();</c>. Real MCP clients return
    /// the client they must dispose together with its tools from one builder; the tools local holds the tuple's element.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// What a local declared by a flat deconstruction holds: the element at its position of a tuple literal
        /// (<c>var (c, tools) = (client, await client.ListToolsAsync())</c>), or of every tuple literal a builder of the
        /// project returns (the inputs a builder method may have, see <see cref="FollowBuilderMethod"/>). Null for any other
        /// local, a nested deconstruction, or a value AiLint cannot read.
        /// </summary>
        private CatalogContent? Deconstructed(ISymbol symbol, IOperation entry)
        {
            if (symbol is not ILocalSymbol local || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not SingleVariableDesignationSyntax designation
                || !_symbols.IsToolCollection(local.Type))
            {
                return null;
            }

            if (ForEachOf(designation, out var element) is { } loop)
            {
                return ForEachTupleElement(loop, element, entry);
            }

            if (DeconstructionOf(designation, out var position) is not { } assignment)
            {
                return null;
            }

            var model = _project != null
                ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(_project.Compilation, assignment.SyntaxTree)
                : entry.SemanticModel?.SyntaxTree == assignment.SyntaxTree ? entry.SemanticModel : null;
            if (model?.GetOperation(assignment) is not IDeconstructionAssignmentOperation deconstruction)
            {
                return null;
            }

            var value = Awaited(deconstruction.Value);
            if (value is ITupleOperation tuple)
            {
                return tuple.Elements.Length > position ? Collection(tuple.Elements[position], entry) : null;
            }

            return value is IInvocationOperation invocation ? FollowTupleBuilder(invocation, position, entry) : null;
        }

        /// <summary>
        /// The assignment of <c>var (a, b) = ...</c> or <c>(var a, IList&lt;McpClientTool&gt; b) = ...</c> that declares
        /// <paramref name="designation"/>, and the designation's position in it; null for any other declaration.
        /// </summary>
        private static AssignmentExpressionSyntax? DeconstructionOf(SingleVariableDesignationSyntax designation, out int position)
        {
            position = -1;
            switch (designation.Parent)
            {
                case ParenthesizedVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } declaration } list
                        when assignment.Left == declaration:
                    position = list.Variables.IndexOf(designation);
                    return assignment;
                case DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: TupleExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } tuple } argument }
                        when assignment.Left == tuple:
                    position = tuple.Arguments.IndexOf(argument);
                    return assignment;
                default:
                    return null;
            }
        }

        /// <summary>The <c>foreach (var (client, name, tools) in results)</c> that declares <paramref name="designation"/>, and its position.</summary>
        private static ForEachVariableStatementSyntax? ForEachOf(SingleVariableDesignationSyntax designation, out int position)
        {
            position = -1;
            if (designation.Parent is ParenthesizedVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ForEachVariableStatementSyntax loop } declaration } list
                && loop.Variable == declaration)
            {
                position = list.Variables.IndexOf(designation);
                return loop;
            }

            return null;
        }

        /// <summary>
        /// <c>foreach (var (client, name, tools) in await Task.WhenAll(transports.Select(async t =&gt; { ...; return (client,
        /// t.Name, tools); })))</c>: each iteration's element is one of the tuple literals the lambda returns, so the local
        /// holds the element at <paramref name="position"/> of those (g1ddy/console-chat connects to every server at once
        /// this way). Null for a collection AiLint cannot trace to tuple literals.
        /// </summary>
        private CatalogContent? ForEachTupleElement(ForEachVariableStatementSyntax loop, int position, IOperation entry)
        {
            var model = _project != null
                ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(_project.Compilation, loop.SyntaxTree)
                : entry.SemanticModel?.SyntaxTree == loop.SyntaxTree ? entry.SemanticModel : null;
            if (model?.GetOperation(loop) is not IForEachLoopOperation forEach
                || TupleLiterals(forEach.Collection, hops: 0) is not { Count: > 0 } tuples)
            {
                return null;
            }

            CatalogContent? result = null;
            foreach (var tuple in tuples)
            {
                if (tuple.Elements.Length <= position)
                {
                    return null;
                }

                var content = Collection(tuple.Elements[position], entry);
                result = result == null ? content : result.Or(content);
            }

            return result;
        }

        /// <summary>
        /// The tuple literals a sequence is made of: a local written once, <c>await Task.WhenAll(tasks)</c>, <c>ToList()</c> /
        /// <c>ToArray()</c>, and <c>source.Select(x =&gt; ...)</c> whose lambda returns only tuple literals. Null otherwise.
        /// </summary>
        private List<ITupleOperation>? TupleLiterals(IOperation? sequence, int hops)
        {
            sequence = TypeIndex.Strip(sequence);
            if (hops > 4 || sequence == null)
            {
                return null;
            }

            switch (sequence)
            {
                case ILocalReferenceOperation local when _index.Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1
                        && !_index.Mutations.ContainsKey(local.Local):
                    return TupleLiterals(writes[0], hops + 1);
                case IAwaitOperation await:
                    return TypeIndex.Strip(await.Operation) is IInvocationOperation { TargetMethod.Name: "WhenAll", Arguments.Length: 1 } whenAll
                        && whenAll.TargetMethod.ContainingType?.ToDisplayString() == "System.Threading.Tasks.Task"
                            ? TupleLiterals(whenAll.Arguments[0].Value, hops + 1)
                            : null;
                case IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray", Arguments.Length: 1 } copy
                        when SymbolEqualityComparer.Default.Equals(copy.TargetMethod.ContainingType, _symbols.Enumerable):
                    return TupleLiterals(copy.Arguments[0].Value, hops + 1);
                case IInvocationOperation { TargetMethod.Name: "Select", Arguments.Length: 2 } select
                        when SymbolEqualityComparer.Default.Equals(select.TargetMethod.ContainingType, _symbols.Enumerable)
                        && TypeIndex.Strip(select.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    var tuples = new List<ITupleOperation>();
                    foreach (var returned in OwnReturns(lambda))
                    {
                        if (TypeIndex.Strip(returned.ReturnedValue) is not ITupleOperation tuple)
                        {
                            return null;
                        }

                        tuples.Add(tuple);
                    }

                    return tuples;
                default:
                    return null;
            }
        }

        /// <summary>The <c>return</c>s of a lambda itself, not of lambdas or local functions inside it.</summary>
        private static IEnumerable<IReturnOperation> OwnReturns(IAnonymousFunctionOperation lambda)
        {
            var pending = new Stack<IOperation>();
            pending.Push(lambda.Body);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is IReturnOperation { Kind: OperationKind.Return } returned)
                {
                    yield return returned;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation && child is not ILocalFunctionOperation)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        /// <summary>The value a deconstruction takes apart, once awaited (<c>await</c>, <c>.ConfigureAwait(false)</c>, <c>.Result</c>).</summary>
        private static IOperation? Awaited(IOperation? value)
        {
            for (var hops = 0; hops < 4; hops++)
            {
                value = TypeIndex.Strip(value);
                switch (value)
                {
                    case IAwaitOperation await:
                        value = await.Operation;
                        continue;
                    case { } operation when AwaitedTask(operation) is { } task:
                        value = task;
                        continue;
                }

                break;
            }

            return TypeIndex.Strip(value);
        }

        /// <summary>
        /// <c>var (client, tools) = await ConnectAsync();</c> with <c>ConnectAsync</c> a builder of the project (no input but
        /// an MCP client or a cancellation token) whose every <c>return</c> is a tuple literal: the element at
        /// <paramref name="position"/> of each, as for a builder returning the list. Null when a return is not a tuple literal.
        /// </summary>
        private CatalogContent? FollowTupleBuilder(IInvocationOperation invocation, int position, IOperation entry)
        {
            if (ReferencedBuilder(invocation, position, entry) is { } referenced)
            {
                return referenced;
            }

            var method = invocation.TargetMethod;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || method.IsAbstract || method.ContainingType == null
                || method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction
                || !_project.IsInSource(method.OriginalDefinition)
                || UnwrapTask(invocation.Type) is not INamedTypeSymbol { IsTupleType: true } tupleType
                || tupleType.TupleElements.Length <= position || !_symbols.IsToolCollection(tupleType.TupleElements[position].Type)
                || !OnlyBuilderInputs(invocation))
            {
                return null;
            }

            var values = _project.ReturnedValues(method.OriginalDefinition);
            if (values.Count == 0)
            {
                return null;
            }

            var evaluator = new CatalogEvaluator(_symbols, _project.IndexOf(method.ContainingType), _cap, _project, _depth + 1);
            CatalogContent? result = null;
            foreach (var value in values)
            {
                if (TypeIndex.Strip(value) is not ITupleOperation tuple || tuple.Elements.Length <= position)
                {
                    return null;
                }

                var element = tuple.Elements[position];
                var content = evaluator.Collection(element, element);
                result = result == null ? content : result.Or(content);
            }

            return Rehome(result!, entry, invocation.Syntax);
        }
    }
}
