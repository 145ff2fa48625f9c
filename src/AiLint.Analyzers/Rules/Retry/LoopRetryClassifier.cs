using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Decides whether a hand-written loop (or a method calling itself from its catch) re-runs one particular call
    /// <em>with the same inputs</em> after a failure. Conversation loops, round-robins over agents, batches over work
    /// items, failover over clients and self-correction loops all call the model again and again, but each time with
    /// something new; none of them sends a duplicate of a request that may already have been billed.
    /// </summary>
    /// <remarks>
    /// Two tests, both on the call rather than on the try around it:
    /// <list type="number">
    /// <item>Success leaves the loop: once the call returns, the code after it always returns or breaks out of the
    /// loop (or sets the flag the loop condition reads). A loop that goes round again after a success is a turn loop
    /// or a batch, whatever its catch does.</item>
    /// <item>The inputs stay the same: nothing the call reads (its receiver and arguments, followed through locals
    /// declared in the loop) is reassigned, incremented, appended to, advanced (an enumerator, a queue) or taken from
    /// a foreach or a console read inside the loop. Cancellation tokens are not inputs.</item>
    /// </list>
    /// When either test cannot be decided (a nested loop between call and retry, a local with no visible value) the
    /// answer is "not a retry": a missed retry costs less than a false error in someone's build.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        private const int MaxExpansion = 32;

        /// <summary>True when <paramref name="loop"/> re-runs <paramref name="call"/> unchanged after a failed attempt.</summary>
        public static bool RetriesCall(IOperation call, ILoopOperation loop)
        {
            var model = loop.SemanticModel;
            if (model is null)
            {
                return false;
            }

            // The hand-written `await foreach`: a pass that succeeds reads on from the same enumerator, so the failure
            // path alone decides (LoopRetryClassifier.HandWrittenStreams), whatever the loop's condition reads.
            if (HandWrittenStreamRemade(call, loop, model) is { } remade)
            {
                return remade != StreamRemake.NotRemade && UnchangedInputs(call, loop, model.Compilation) is not null;
            }

            return SuccessLeavesLoop(call, loop, model) && UnchangedInputs(call, loop, model.Compilation) is not null;
        }

        /// <summary>
        /// True when a recursive call in one of <paramref name="try"/>'s catches passes every parameter that feeds
        /// <paramref name="call"/> through unchanged (<c>return await AskAsync(q, attempt + 1)</c>), and the catch does
        /// not append to the call's inputs. <c>AskAsync(q + "\nThat was not JSON")</c> is a self-correction, not a retry.
        /// </summary>
        public static bool RecursionRetriesCall(IOperation call, ITryOperation @try, IMethodSymbol method)
        {
            var model = @try.SemanticModel;
            if (model is null)
            {
                return false;
            }

            var root = ValueOrigins.Root(@try);
            var inputs = new Inputs(root.Syntax, model.Compilation);
            if (!inputs.Collect(call, root))
            {
                return false;
            }

            var definition = method.OriginalDefinition;
            foreach (var @catch in @try.Catches)
            {
                if (inputs.ChangedIn(RetryContextFinder.DescendantsInSameFunction(@catch.Handler)))
                {
                    continue;
                }

                foreach (var operation in RetryContextFinder.DescendantsInSameFunction(@catch.Handler))
                {
                    if (operation is IInvocationOperation recursive
                        && SymbolEqualityComparer.Default.Equals(recursive.TargetMethod.OriginalDefinition, definition)
                        && PassesThrough(recursive, inputs.Symbols))
                    {
                        return true;
                    }
                }
            }

            // The call of itself after the try, reached only from a catch that falls out (see RecursionAfterTry): the
            // catch and those statements together are the way round, and neither may change the request.
            var after = RecursionAfterTry.StatementsAfterFailure(@try).SelectMany(RetryContextFinder.DescendantsInSameFunction).ToList();
            return after.Count > 0
                && !inputs.ChangedIn(after)
                && RecursionAfterTry.FallingOut(@try).Any(c => !inputs.ChangedIn(RetryContextFinder.DescendantsInSameFunction(c.Handler)))
                && after.Any(o => o is IInvocationOperation recursive
                    && SymbolEqualityComparer.Default.Equals(recursive.TargetMethod.OriginalDefinition, definition)
                    && PassesThrough(recursive, inputs.Symbols));
        }

        /// <summary>
        /// True when a <c>goto</c> retry (see <see cref="GotoRetries"/>) re-runs <paramref name="call"/> unchanged: neither the
        /// statements between the label and the try nor the catches that jump back change what the call reads.
        /// </summary>
        public static bool GotoRetriesCall(IOperation call, ITryOperation @try)
        {
            var model = @try.SemanticModel;
            if (model is null || GotoRetries.RetryLabel(@try) is not { } labeled)
            {
                return false;
            }

            var inputs = new Inputs(@try.Syntax, model.Compilation);
            if (!inputs.Collect(call, @try))
            {
                return false;
            }

            var rerun = GotoRetries.StatementsBefore(@try)
                .Concat(GotoRetries.JumpingCatches(@try, labeled.Label).Select(c => (IOperation)c.Handler))
                .SelectMany(RetryContextFinder.DescendantsInSameFunction);
            return !inputs.ChangedIn(rerun);
        }

        private static bool PassesThrough(IInvocationOperation recursive, HashSet<ISymbol> inputs)
        {
            foreach (var argument in recursive.Arguments)
            {
                if (argument.Parameter is not { } parameter || !inputs.Contains(parameter.OriginalDefinition))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || ValueOrigins.Unwrap(argument.Value) is not IParameterReferenceOperation passed
                    || !SymbolEqualityComparer.Default.Equals(passed.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
