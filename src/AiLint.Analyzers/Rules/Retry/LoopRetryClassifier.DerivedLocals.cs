using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A result retry that tests a local computed from the answer rather than the answer itself (review 51, the shape of
    /// banking-multi-agent-workshop's <c>RunWorkflowAsync</c>):
    /// <code>
    /// while (selected == "__" &amp;&amp; counter &lt; 5)
    /// {
    ///     var response = await agent.RunAsync(messages);
    ///     selected = response.Messages.LastOrDefault()?.AuthorName ?? "__";
    ///     if (selected != "__") return response.Text;
    ///     counter++;
    /// }
    /// </code>
    /// The local is declared before the loop, so the statement that sets it writes it (a write is not a use of the answer).
    /// It counts as a test of the answer when it is the statement right after the call and the value is computed only from
    /// the answer's own members, constants and .NET code: each pass overwrites it, so a rejected answer is dropped. A value
    /// that also reads anything else (a field, another local, an await) is left to the other checks.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// <paramref name="read"/> is the target of <c>local = f(answer);</c>, the statement right after the call's
        /// <paramref name="statement"/>, whose value reads only <paramref name="kept"/> (see the class remarks).
        /// </summary>
        private static bool IsAnswerDerivedAssignmentTarget(IOperation read, StatementSyntax statement, HashSet<ISymbol> kept)
        {
            if (read is not ILocalReferenceOperation target
                || read.Parent is not ISimpleAssignmentOperation assignment || assignment.Target != read
                || assignment.Parent is not IExpressionStatementOperation { Syntax: ExpressionStatementSyntax written }
                || written.Parent is not BlockSyntax block || statement.Parent != block
                || block.Statements.IndexOf(written) != block.Statements.IndexOf(statement) + 1)
            {
                return false;
            }

            return !kept.Contains(target.Local) && ComputedOnlyFromAnswer(assignment.Value, kept);
        }

        /// <summary>The locals set as in <see cref="IsAnswerDerivedAssignmentTarget"/> in <paramref name="loop"/>.</summary>
        private static HashSet<ISymbol> TestedLocals(ILoopOperation loop, StatementSyntax statement, HashSet<ISymbol> kept)
        {
            var tested = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in loop.Body.Descendants())
            {
                if (operation is ILocalReferenceOperation local && IsAnswerDerivedAssignmentTarget(operation, statement, kept))
                {
                    tested.Add(local.Local);
                }
            }

            return tested;
        }

        /// <summary>
        /// Every value <paramref name="value"/> reads is the answer, a member of it or of what is computed from it, or a
        /// constant; every call is .NET code or a method of the answer (<c>response.Messages.LastOrDefault()?.AuthorName ?? "__"</c>).
        /// </summary>
        private static bool ComputedOnlyFromAnswer(IOperation value, HashSet<ISymbol> kept)
        {
            var readsAnswer = false;
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        if (!kept.Contains(local.Local))
                        {
                            return false;
                        }

                        readsAnswer = true;
                        break;
                    case IParameterReferenceOperation parameter:
                        if (!kept.Contains(parameter.Parameter))
                        {
                            return false;
                        }

                        readsAnswer = true;
                        break;
                    case IMemberReferenceOperation member when member is IFieldReferenceOperation { Field.IsConst: true }:
                        break;
                    case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }:
                        // A static member or one of this object: not the answer's.
                        return false;
                    case IInvocationOperation invocation when invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                        || (!IsBcl(invocation.TargetMethod) && !(invocation.Instance is { } instance && ReadsAny(instance, kept))):
                        return false;
                    case IAwaitOperation or IAnonymousFunctionOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        return false;
                }
            }

            return readsAnswer;
        }
    }
}
