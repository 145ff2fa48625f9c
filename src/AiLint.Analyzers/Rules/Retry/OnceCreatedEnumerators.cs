using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A streaming call whose enumerator is made once and kept outside the loop:
    /// <c>responseStream ??= client.ChatCompletion.CreateCompletionAsStream(request).GetAsyncEnumerator(ct);</c>
    /// (review 44, F1, the hand-written form of <c>await foreach</c> that lets a <c>yield return</c> sit outside the try).
    /// </summary>
    /// <remarks>
    /// Making the stream and its enumerator sends nothing: the request goes out on the first <c>MoveNextAsync</c>. Once
    /// the enumerator is kept, a later pass of the loop only asks the same enumerator for its next item, and an enumerator
    /// that failed answers no more items: it does not send the request again. So the loop does not re-run the call,
    /// whatever its catch does. Only this shape counts: the call's stream (not awaited) has <c>GetAsyncEnumerator</c>
    /// called on it, the enumerator is the value of a <c>??=</c>
    /// to a local declared outside the loop, and nothing else in the loop writes that local (a catch that sets it back to
    /// <c>null</c> makes a new stream, and a new request, on the next pass). A stream kept with <c>??=</c> and enumerated
    /// again on each pass (<c>await foreach (var u in stream)</c>) sends again, and a result awaited into a <c>??=</c> is
    /// still null after a failure: both are left to the retry.
    /// </remarks>
    internal static class OnceCreatedEnumerators
    {
        /// <summary>True when <paramref name="call"/>'s enumerator is made once, before any pass of <paramref name="loop"/> can repeat it.</summary>
        public static bool CreatedOnce(IOperation call, ILoopOperation loop)
        {
            if (KeptEnumerator(call, loop) is not { } kept)
            {
                return false;
            }

            var (local, coalesce) = kept;
            return !RetryContextFinder.DescendantsInSameFunction(loop).Any(o => o != coalesce && WritesLocal(o, local));
        }

        /// <summary>
        /// The local that keeps <paramref name="call"/>'s enumerator between passes of <paramref name="loop"/>
        /// (<c>responseStream ??= call.GetAsyncEnumerator(ct)</c>, the local declared outside the loop) and that
        /// <c>??=</c>; null for any other shape. Whether a later write (<c>responseStream = null</c> in a catch) makes a
        /// new stream is left to the caller (see <see cref="LoopRetryClassifier"/>'s hand-written stream reading).
        /// </summary>
        public static (ILocalSymbol Local, ICoalesceAssignmentOperation Coalesce)? KeptEnumerator(IOperation call, ILoopOperation loop)
        {
            if (ConsumerOf(call) is not { TargetMethod.Name: "GetAsyncEnumerator" } enumerator)
            {
                return null;
            }

            IOperation kept = enumerator;
            while (kept.Parent is IConversionOperation)
            {
                kept = kept.Parent;
            }

            if (kept.Parent is not ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target } coalesce
                || coalesce.Value != kept
                || target.Local.DeclaringSyntaxReferences.Length != 1
                || ValueOrigins.IsWithin(target.Local.DeclaringSyntaxReferences[0].GetSyntax(), loop.Syntax))
            {
                return null;
            }

            return (target.Local, coalesce);
        }

        /// <summary>An assignment to <paramref name="local"/>, or the local passed by <c>ref</c>/<c>out</c>.</summary>
        public static bool WritesLocal(IOperation operation, ILocalSymbol local) => operation switch
        {
            IAssignmentOperation assignment => IsLocal(assignment.Target, local),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => IsLocal(byRef.Value, local),
            _ => false,
        };

        /// <summary>
        /// The call made on <paramref name="operation"/>'s value: the invocation whose instance it is, or the extension
        /// call it is the <c>this</c> argument of (seen through conversions); null when its value goes anywhere else.
        /// (<c>WithCancellation(ct)</c> is not followed: its enumerator is a struct a <c>??=</c> to an
        /// <c>IAsyncEnumerator&lt;T&gt;</c> does not take.)
        /// </summary>
        public static IInvocationOperation? ConsumerOf(IOperation operation)
        {
            while (operation.Parent is IConversionOperation conversion)
            {
                operation = conversion;
            }

            return operation.Parent switch
            {
                IInvocationOperation parent when parent.Instance == operation => parent,
                IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension } => extension,
                _ => null,
            };
        }

        public static bool IsLocal(IOperation target, ILocalSymbol local) =>
            ValueOrigins.Unwrap(target) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
    }
}
