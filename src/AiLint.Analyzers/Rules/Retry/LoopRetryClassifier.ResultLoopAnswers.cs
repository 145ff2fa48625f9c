// LoopRetryClassifier, result loops: the call's statement in the loop body and the variables its answer is kept and derived in; apart from ResultLoops.cs, which holds the decision, because this is the syntax walk every later test reads.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal static partial class LoopRetryClassifier
    {
        // ---- The call and its answer --------------------------------------------------------------------------------

        /// <summary>
        /// The declaration or expression statement holding the call, directly in <paramref name="body"/> or directly in the
        /// block of a <c>try</c> that is itself a statement of <paramref name="body"/> (<c>try { var r = await ...; if
        /// (IsValid(r)) return r; } catch (HttpRequestException) { }</c>: the answer test fails and the loop goes round).
        /// </summary>
        private static StatementSyntax? CallStatement(SyntaxNode call, BlockSyntax body)
        {
            for (var node = call; node is not null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return null;
                }

                if (node.Parent == body || node.Parent is BlockSyntax { Parent: TryStatementSyntax @try } block && @try.Block == block && @try.Parent == body)
                {
                    return node is LocalDeclarationStatementSyntax or ExpressionStatementSyntax ? (StatementSyntax)node : null;
                }
            }

            return null;
        }

        /// <summary>The loop's body when it is an expression statement holding the call (not inside a lambda in it).</summary>
        private static StatementSyntax? EmbeddedCallStatement(SyntaxNode call, SyntaxNode body)
        {
            if (body is not ExpressionStatementSyntax statement || !statement.Span.Contains(call.Span))
            {
                return null;
            }

            for (var node = call; node != statement && node is not null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return statement;
        }

        /// <summary>
        /// Some path from the call's statement reaches the end of the loop body or a <c>continue</c>: without one
        /// (<c>if (IsValid(r)) return r; throw new InvalidOperationException();</c>) the call never runs twice.
        /// </summary>
        private static bool CanGoRound(StatementSyntax statement, BlockSyntax body, SyntaxNode loop, SemanticModel model)
        {
            var block = (BlockSyntax)statement.Parent!;
            var flow = model.AnalyzeControlFlow(statement, block.Statements[block.Statements.Count - 1]);
            if (flow is not { Succeeded: true })
            {
                return false;
            }

            if (flow.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop))
            {
                return true;
            }

            if (!flow.EndPointIsReachable)
            {
                return false;
            }

            // Inside a try: falling out of its block continues after the try statement.
            if (block == body || block.Parent is not StatementSyntax @try)
            {
                return true;
            }

            var index = body.Statements.IndexOf(@try);
            if (index == body.Statements.Count - 1)
            {
                return true;
            }

            var rest = model.AnalyzeControlFlow(body.Statements[index + 1], body.Statements[body.Statements.Count - 1]);
            return rest is { Succeeded: true }
                && (rest.EndPointIsReachable || rest.ExitPoints.Any(e => e is ContinueStatementSyntax && JumpTarget(e) == loop));
        }

        /// <summary>What runs after the call's statement in one pass: the rest of its block, then (inside a try) the rest of the loop body.</summary>
        private static List<StatementSyntax> Following(StatementSyntax statement, BlockSyntax body)
        {
            var following = new List<StatementSyntax>();
            var block = (BlockSyntax)statement.Parent!;
            following.AddRange(block.Statements.Skip(block.Statements.IndexOf(statement) + 1));
            if (block != body && block.Parent is StatementSyntax @try)
            {
                following.AddRange(body.Statements.Skip(body.Statements.IndexOf(@try) + 1));
            }

            return following;
        }

        /// <summary>
        /// Where the answer goes: the locals declared from the call (<c>var r = await ...</c>) or the variable assigned from
        /// it (<c>result = TryParse(await ...)</c>, a local, parameter or field of this object).
        /// </summary>
        private static HashSet<ISymbol> AnswerSymbols(SyntaxNode call, StatementSyntax statement, SemanticModel model)
        {
            var answer = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    foreach (var declarator in declaration.Declaration.Variables)
                    {
                        if (declarator.Initializer is { } initializer && initializer.Span.Contains(call.Span) && model.GetDeclaredSymbol(declarator) is { } local)
                        {
                            answer.Add(local);
                        }
                    }

                    break;
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right.Span.Contains(call.Span):
                    if (SimpleTarget(assignment.Left, model) is { } target)
                    {
                        answer.Add(target);
                    }

                    // `(ok, error) = await TryAskAsync(...)` and `var (ok, text) = await TryAskAsync(...)`: every part is the answer.
                    foreach (var part in DeconstructedParts(assignment.Left, model))
                    {
                        answer.Add(part);
                    }

                    break;
            }

            return answer;
        }

        private static IEnumerable<ISymbol> DeconstructedParts(ExpressionSyntax target, SemanticModel model)
        {
            switch (target)
            {
                case TupleExpressionSyntax tuple:
                    foreach (var argument in tuple.Arguments)
                    {
                        var part = argument.Expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single }
                            ? model.GetDeclaredSymbol(single)
                            : SimpleTarget(argument.Expression, model);
                        if (part is not null)
                        {
                            yield return part;
                        }
                    }

                    break;
                case DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax designation }:
                    foreach (var single in designation.Variables.OfType<SingleVariableDesignationSyntax>())
                    {
                        if (model.GetDeclaredSymbol(single) is { } part)
                        {
                            yield return part;
                        }
                    }

                    break;
            }
        }

        /// <summary><c>x</c> or <c>this.x</c>: a local, parameter, field or property of this object; null for anything else.</summary>
        private static ISymbol? SimpleTarget(ExpressionSyntax target, SemanticModel model)
        {
            var name = target switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name,
                _ => null,
            };

            return name is null ? null : model.GetSymbolInfo(name).Symbol switch
            {
                ILocalSymbol local => local,
                IParameterSymbol parameter => parameter,
                IFieldSymbol field => field,
                IPropertySymbol { IsIndexer: false } property => property,
                _ => null,
            };
        }

        /// <summary>
        /// Adds what the loop computes from the answer: locals initialised or assigned from it (<c>var text = r.Text</c>),
        /// out variables of a call that reads it (<c>TryParse(r.Text, out var parsed)</c>), pattern variables of a test on it.
        /// </summary>
        private static void Derive(ILoopOperation loop, HashSet<ISymbol> answer)
        {
            for (var pass = 0; pass < MaxDerivationPasses; pass++)
            {
                var added = false;
                foreach (var operation in loop.Body.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer && ReadsAny(initializer.Value, answer):
                            added |= answer.Add(declarator.Symbol);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when ReadsAny(assignment.Value, answer):
                            added |= answer.Add(target.Local);
                            break;
                        case IInvocationOperation invocation when ReadsAny(invocation, answer):
                            foreach (var argument in invocation.Arguments)
                            {
                                if (argument.Parameter?.RefKind == RefKind.Out && OutLocal(argument.Value) is { } local)
                                {
                                    added |= answer.Add(local);
                                }
                            }

                            break;
                        case IIsPatternOperation test when ReadsAny(test.Value, answer):
                            foreach (var declared in test.Pattern.DescendantsAndSelf())
                            {
                                var symbol = declared switch
                                {
                                    IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                                    IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                                    _ => null,
                                };
                                if (symbol is not null)
                                {
                                    added |= answer.Add(symbol);
                                }
                            }

                            break;
                    }
                }

                if (!added)
                {
                    return;
                }
            }
        }

        /// <summary>The local an <c>out</c> argument writes (<c>out var x</c> or <c>out x</c>).</summary>
        internal static ILocalSymbol? OutLocal(IOperation value) => value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        private static bool ReadsAny(IOperation operation, HashSet<ISymbol> symbols) =>
            operation.DescendantsAndSelf().Any(o => ReadSymbol(o) is { } symbol && symbols.Contains(symbol));

        private static bool ReadsAny(SyntaxNode node, HashSet<ISymbol> symbols, SemanticModel model) =>
            node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => model.GetSymbolInfo(n).Symbol is { } symbol && symbols.Contains(symbol));

        private static ISymbol? ReadSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
    }
}
