using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The name-filtered exploration the project summary uses: it binds a body's calls one by one, and only those whose
    /// name can reach an LLM call, instead of the whole body.
    /// </summary>
    /// <remarks>
    /// Why it is cheaper: <c>SemanticModel.GetOperation</c> on any node binds the whole member and builds its whole
    /// operation tree, while <c>GetSymbolInfo</c> on an invocation binds the statement around it, provided the model skips
    /// nullable analysis (SummarySemanticModels): in <c>#nullable enable</c> code a plain model binds the whole member and
    /// runs the nullable analysis over it for any question inside it. The answers stay those of
    /// the whole-body walk (<see cref="CollectWhole"/>): a call whose name is outside the set can neither be an LLM call
    /// (SDK entry points, configured, recorded, <c>[LlmCall]</c> and argument-dependent names are all in it) nor reach one;
    /// and wherever the symbol alone cannot give the whole-body answer (the call is an LLM call only by its arguments, a
    /// stream that may be collected on the spot, a call that did not bind to one method, or a construct that calls a
    /// method in the set without spelling it), the body falls back to the whole-body walk.
    /// </remarks>
    internal sealed partial class ProjectCallGraph
    {
        private readonly ISet<string>? mayCallNames;
        private readonly BindingProbe? probe;

        // One model per tree for the whole summary run, without nullable analysis where Roslyn can (SummarySemanticModels).
        private readonly SummarySemanticModels? models;

        private void CollectByNames(IMethodSymbol method, Facts facts, CancellationToken cancellationToken)
        {
            foreach (var declaration in SourceBodies.GetBodySyntax(method, cancellationToken))
            {
                if (!TryCollectByNames(declaration, facts, cancellationToken))
                {
                    if (probe is not null)
                    {
                        probe.WholeBodies++;
                    }

                    if (Model(declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is { } body)
                    {
                        CollectWhole(body, facts, cancellationToken);
                    }
                }
            }
        }

        /// <summary>
        /// Adds what the calls of <paramref name="declaration"/> in the name set reach; false when the symbols cannot
        /// tell (the caller then walks the bound body, which finds everything added here again).
        /// </summary>
        private bool TryCollectByNames(SyntaxNode declaration, Facts facts, CancellationToken cancellationToken)
        {
            SemanticModel? model = null;
            foreach (var node in declaration.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation)
                {
                    foreach (var implicitName in InvokedNames.ImplicitNames(node))
                    {
                        if (mayCallNames!.Contains(implicitName))
                        {
                            return false;
                        }
                    }

                    continue;
                }

                if (InvokedNames.CalledName(invocation) is not { } name || !mayCallNames!.Contains(name))
                {
                    continue;
                }

                model ??= Model(declaration.SyntaxTree);
                if (probe is not null)
                {
                    probe.Invocations++;
                }

                var info = model.GetSymbolInfo(invocation, cancellationToken);
                if (info.Symbol is not IMethodSymbol target)
                {
                    // Nothing bound (nameof, a misspelt name) is no call; candidates (an error, an inaccessible or
                    // ambiguous method, a dynamic call) may still be an invocation operation in the bound body.
                    if (info.CandidateSymbols.IsEmpty)
                    {
                        continue;
                    }

                    return false;
                }

                var call = directCalls.Match(target);
                if (call.IsLlmCall)
                {
                    // CollectedStreams turns a stream collected on the spot into a generation; it reads the operation's parent.
                    if (call.Kind == LlmCallKind.Streaming && MayBeCollected(invocation))
                    {
                        return false;
                    }

                    facts.Reach(call);
                }
                else if (directCalls.MayMatch(target))
                {
                    // Not an LLM call by the method alone, so by its arguments (a prompt function, an HTTP POST).
                    return false;
                }
                else if (target.MethodKind != MethodKind.DelegateInvoke && SourceBodies.IsInSource(target, compilation))
                {
                    facts.Callees.Add((target.ReducedFrom ?? target).OriginalDefinition);
                }
            }

            return true;
        }

        /// <summary>
        /// The call's value may be the <c>this</c> argument of another call (<c>Stream(q).ToListAsync()</c>,
        /// <c>Collect(Stream(q))</c>), or the collection of an <c>await foreach</c> whose body may only append each update
        /// to a local, or a local initializer read only by such loops: the places <see cref="CollectedStreams"/> looks; a
        /// return or an assignment is not.
        /// </summary>
        private static bool MayBeCollected(InvocationExpressionSyntax invocation)
        {
            SyntaxNode current = invocation;
            var parent = current.Parent;
            while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax or AwaitExpressionSyntax)
            {
                current = parent;
                parent = current.Parent;
            }

            // `var streaming = await client.GetChatCompletionsStreamingAsync(...)` is collected when every read of the
            // local is a collecting loop (`.Value.GetChoicesStreaming()` is a member access).
            return parent is ArgumentSyntax or ConditionalAccessExpressionSyntax or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax }
                || (parent is MemberAccessExpressionSyntax member && member.Expression == current)
                || (parent is ForEachStatementSyntax loop && loop.AwaitKeyword.RawKind != 0 && loop.Expression == current);
        }

        private SemanticModel Model(SyntaxTree tree) => models!.Get(tree);
    }
}
