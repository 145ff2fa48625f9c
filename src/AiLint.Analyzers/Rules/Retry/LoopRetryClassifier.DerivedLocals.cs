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
    /// It counts as a test of the answer when the value is computed only from the answer's own members, constants and .NET
    /// code (or locals of the pass computed from the answer): each pass overwrites it, so a rejected answer is dropped. A
    /// value that also reads anything else (a field, a local that outlasts the pass, an await) is left to the other checks.
    /// <para>
    /// Review 84 (InGameCompanion <c>LocateAsync</c>, repro-5): where in the pass it is set does not matter, only that it
    /// is set after the call by a statement of the attempt itself (not of a nested loop or a lambda). <c>last = new
    /// GeminiException((int)resp.StatusCode, json);</c> after the success exit, thrown after the loop, is the same verdict
    /// as <c>lastStatus = (int)resp.StatusCode;</c> right after the send; before, only the second was read.
    /// </para>
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// <paramref name="read"/> is the target of <c>local = f(answer);</c>, a statement of <paramref name="loop"/>'s pass
        /// after the call's <paramref name="statement"/>, whose value reads only <paramref name="kept"/> or locals of the
        /// pass in <paramref name="answer"/> (see the class remarks).
        /// </summary>
        private static bool IsAnswerDerivedAssignmentTarget(IOperation read, ILoopOperation loop, StatementSyntax statement, HashSet<ISymbol> kept, HashSet<ISymbol> answer)
        {
            if (read is not ILocalReferenceOperation target
                || read.Parent is not ISimpleAssignmentOperation assignment || assignment.Target != read
                || assignment.Parent is not IExpressionStatementOperation { Syntax: ExpressionStatementSyntax written }
                || written.SpanStart < statement.Span.End
                || AttemptOf(written) != loop.Syntax)
            {
                return false;
            }

            // `if (r.Text == previous) return r.Text; previous = r.Text;` (asking until two answers agree): a read before
            // the write sees the last pass's answer, so the local carries answers across passes, not a verdict on one.
            if (ReadBeforeWrite(target.Local, loop, written))
            {
                return false;
            }

            var pass = new HashSet<ISymbol>(kept, SymbolEqualityComparer.Default);
            pass.UnionWith(answer.Where(symbol => DeclaredIn(symbol, loop.Body.Syntax)));
            return !kept.Contains(target.Local) && ComputedOnlyFromAnswer(assignment.Value, pass);
        }

        /// <summary><paramref name="local"/> is read in the loop body before <paramref name="written"/> (the loop condition is not).</summary>
        private static bool ReadBeforeWrite(ILocalSymbol local, ILoopOperation loop, SyntaxNode written) =>
            loop.Body.Descendants().OfType<ILocalReferenceOperation>().Any(reference =>
                SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && reference.Syntax.SpanStart < written.SpanStart
                && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference));

        /// <summary>The loop (or lambda, local function) whose pass runs <paramref name="statement"/>.</summary>
        private static SyntaxNode? AttemptOf(SyntaxNode statement) => statement.Ancestors().FirstOrDefault(a =>
            a is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

        /// <summary>The locals set as in <see cref="IsAnswerDerivedAssignmentTarget"/> in <paramref name="loop"/>.</summary>
        private static HashSet<ISymbol> TestedLocals(ILoopOperation loop, StatementSyntax statement, HashSet<ISymbol> kept, HashSet<ISymbol> answer)
        {
            var tested = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in loop.Body.Descendants())
            {
                if (operation is ILocalReferenceOperation local && IsAnswerDerivedAssignmentTarget(operation, loop, statement, kept, answer))
                {
                    tested.Add(local.Local);
                }
            }

            return tested;
        }

        /// <summary>
        /// Every value <paramref name="value"/> reads is the answer, a member of it or of what is computed from it, or a
        /// constant; every call is .NET code, a read-only project method or a method of the answer (<c>response.Messages.LastOrDefault()?.AuthorName ?? "__"</c>).
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
                    // A read-only project method (`ExtractError(json)`, a static parser; review 84) computes from what it is given.
                    case IInvocationOperation invocation when invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                        || (!IsBcl(invocation.TargetMethod) && !(invocation.Instance is { } instance && ReadsAny(instance, kept))
                            && !(invocation.SemanticModel is { } model && ReadOnlyProjectMethods.IsReadOnlyCall(invocation, model.Compilation))):
                        return false;
                    case IAwaitOperation or IAnonymousFunctionOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        return false;
                }
            }

            return readsAnswer;
        }
    }
}
