using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The hand-written <c>await foreach</c> whose enumerator is made before the try (review 89, repro-1,
    /// SaffetHakanKocak/aygaz-ecommerce-agent <c>AiProviderRetryExecutor.ExecuteStreamingAsync</c>):
    /// <c>stream ??= factory(ct).GetAsyncEnumerator(ct); try { hasNext = await stream.MoveNextAsync(); } catch { stream = null; continue; }</c>.
    /// </summary>
    /// <remarks>
    /// The stream call is in no try, so the finder's try reading never sees it; the try that fails is the one around
    /// <c>MoveNextAsync</c>, where the request goes out. The failure path decides as for the in-try form
    /// (<see cref="HandWrittenStreamRemade"/>): a counted catch that sets the local back to <c>null</c> and goes round
    /// makes a new stream on the next pass, the same request again. Read narrowly: the <c>??=</c> is a statement written
    /// straight in the loop body, with no try, lambda or other loop between it and the loop; anything else stays quiet.
    /// </remarks>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// <see cref="StreamRemake.AfterParts"/> or <see cref="StreamRemake.BeforeFirstPart"/> when <paramref name="call"/>'s
        /// enumerator is kept with a <c>??=</c> written straight in <paramref name="loop"/>'s body, a catch that
        /// <paramref name="counts"/> admits resets it and goes round, and the call's inputs stay the same.
        /// </summary>
        public static StreamRemake RemadeBeforeTry(IInvocationOperation call, ILoopOperation loop, Func<ICatchClauseOperation, bool> counts)
        {
            if (loop.SemanticModel is not { } model || OnceCreatedEnumerators.KeptEnumerator(call, loop) is not { } kept)
            {
                return StreamRemake.NotRemade;
            }

            // A try around the call is the in-try form (read by the finder's try case); a lambda or a nested loop
            // between them leaves which pass makes the stream unclear.
            for (var parent = call.Parent; parent != loop.Body; parent = parent.Parent)
            {
                if (parent is null or ITryOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or ILoopOperation)
                {
                    return StreamRemake.NotRemade;
                }
            }

            // Half-typed code (an enumerator of an unknown type, a conversion that does not bind) is not read.
            if (kept.Coalesce.Parent is not IExpressionStatementOperation statement || statement.Parent != loop.Body
                || kept.Local.Type.TypeKind == TypeKind.Error
                || kept.Coalesce.DescendantsAndSelf().Any(o => o is IInvalidOperation || o.Type?.TypeKind == TypeKind.Error))
            {
                return StreamRemake.NotRemade;
            }

            var remade = HandWrittenStreamRemade(call, loop, model, counts) ?? StreamRemake.NotRemade;
            return remade != StreamRemake.NotRemade && UnchangedInputs(call, loop, model.Compilation) is not null ? remade : StreamRemake.NotRemade;
        }
    }
}
