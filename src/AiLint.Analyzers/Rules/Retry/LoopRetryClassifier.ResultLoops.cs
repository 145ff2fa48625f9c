using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Loops that ask the model again after rejecting its answer (the answer is tested, rather than an exception from the
    /// call caught):
    /// <code>
    /// for (var i = 0; i &lt; 3; i++) { var r = await chat.GetResponseAsync(messages); if (IsValid(r)) return r; }
    /// for (var i = 0; i &lt; 3; i++) { var r = await chat.GetResponseAsync(messages); try { return Parse(r.Text); } catch (JsonException) { } }
    /// do { json = await Ask(prompt); } while (!IsValidJson(json) &amp;&amp; ++attempt &lt; 3);
    /// </code>
    /// Each pass re-sends the same request. Many other loops around a model call look alike and are not retries: tool-call
    /// loops, continuation loops, sampling loops that keep every answer, polling and work loops. So every one of these must
    /// hold, and anything the code does not show counts against a retry:
    /// <list type="number">
    /// <item>The call is a statement of the loop body itself, or of a <c>try</c> block that is one (not in another nested
    /// block or a lambda), that keeps its answer in a variable (<c>var r = await ...</c>, <c>result = TryParse(await ...)</c>,
    /// <c>var (ok, error) = await ...</c>).</item>
    /// <item>The loop leaves on a test of that answer: an <c>if</c> on it whose branch returns or breaks out, a <c>try</c>
    /// reading it that returns or breaks and has a <c>catch</c> that goes round, an <c>if (...) continue;</c> on it
    /// before an unconditional return, or the loop condition reading it.</item>
    /// <item>A rejected answer is dropped: outside those exits, the answer (and what is derived from it) is only tested,
    /// logged, thrown or returned. An answer added to a list, handed to a tool runner or stored in another object means
    /// the loop does something with each answer; it is not a retry.</item>
    /// <item>The request stays the same (<see cref="UnchangedInputs"/>), and, stricter than for a <c>try</c> loop: no
    /// input is handed to a method that could change it (outside the BCL and logging), no input is recomputed in the loop
    /// with an <c>await</c> or a call that may answer differently (fresh data each pass, the next question), and the call
    /// does not take an agent session or thread (each run appends to it).</item>
    /// </list>
    /// Calls through a delegate are left out: a helper that re-invokes its delegate until a validator accepts the answer
    /// would turn every lambda passed to it into a retry, with no code to show where the answer is rejected. Raw HTTP
    /// calls, whose loops test a status, are read by <see cref="RetriesOnStatus"/>.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        private const int MaxDerivationPasses = 8;

        /// <summary>True when <paramref name="loop"/> re-sends <paramref name="call"/> unchanged after rejecting its answer.</summary>
        public static bool RetriesOnResult(IInvocationOperation call, ILoopOperation loop) =>
            loop.SemanticModel is { } model && !ReturnsHttpResponse(call, model.Compilation) && AnswerRetried(call, loop, model) is not null;

        /// <summary>
        /// The loop re-sends <paramref name="call"/> unchanged after testing its answer and going round: the variables it
        /// keeps the answer in (<c>Kept</c>) and those with what the loop computes from it (<c>Derived</c>), or null.
        /// Shared by result loops and raw HTTP status loops (<see cref="RetriesOnStatus"/>).
        /// </summary>
        private static (HashSet<ISymbol> Kept, HashSet<ISymbol> Derived)? AnswerRetried(IInvocationOperation call, ILoopOperation loop, SemanticModel model)
        {
            if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
            {
                return null;
            }

            // `for (...; reply is null && i < 3; i++) reply = await TryAskAsync(prompt);`: a body without braces is the
            // call's statement alone, which always goes round; only the loop condition can leave on the answer.
            var body = loop.Body.Syntax as BlockSyntax;
            var statement = body is null ? EmbeddedCallStatement(call.Syntax, loop.Body.Syntax) : CallStatement(call.Syntax, body);
            if (statement is null)
            {
                return null;
            }

            var answer = AnswerSymbols(call.Syntax, statement, model);
            if (answer.Count == 0)
            {
                return null;
            }

            var kept = new HashSet<ISymbol>(answer, SymbolEqualityComparer.Default);

            // A wrapper that answers with a success flag (`var (ok, error) = await TryReplyAsync(...)`) used the model's
            // answer itself; leaving on the flag alone is leaving with it (see ExitKeepsAnswer).
            var answersWithFlag = answer.Any(a => SymbolType(a)?.SpecialType == SpecialType.System_Boolean);
            Derive(loop, answer);
            // `if (r.Successful) return r; if (r.HttpStatusCode != HttpStatusCode.TooManyRequests) break; await Task.Delay(d);`:
            // the loop goes round only on a refused request (a rate-limit wait, see RateLimitOnlyRetries).
            if ((body is not null && GoesRoundOnlyOnRefusal(statement, body, loop.Syntax, model)) || RepeatsOnlyOnRateLimit(loop, model))
            {
                return null;
            }

            var allowed = Exits(loop, body is null ? new List<StatementSyntax>() : Following(statement, body), answer, model);
            if (allowed is null || (body is not null && !CanGoRound(statement, body, loop.Syntax, model)))
            {
                return null;
            }

            var logging = LogAndWaitCalls.For(model.Compilation);
            return (answersWithFlag || ExitKeepsAnswer(loop, allowed, answer, TestedLocals(loop, statement, kept, answer), model, logging))
                && AnswerDroppedOnRetry(loop, statement, kept, answer, allowed, model, logging)
                && UnchangedInputs(call, loop, model.Compilation) is { } inputs
                && !InputsMayChangeElsewhere(call, loop, inputs.Symbols, model.Compilation, logging)
                ? (kept, answer)
                : null;
        }

        /// <summary>
        /// A loop whose condition holds only for a refused request repeats only on one:
        /// <c>do { ...; r = await ...CreateCompletion(req); } while (!r.Successful &amp;&amp; r.HttpStatusCode == HttpStatusCode.TooManyRequests &amp;&amp; ++tries &lt; 5);</c>
        /// (a <c>continue</c> also goes through the condition).
        /// </summary>
        private static bool RepeatsOnlyOnRateLimit(ILoopOperation loop, SemanticModel model) =>
            ConditionOf(loop) is { } condition && new RateLimitOnlyRetries(model.Compilation).IsRateLimitCondition(condition);
    }
}
