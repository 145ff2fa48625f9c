using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The request side of a "retry once" written without a loop: <c>try { return await chat.GetResponseAsync(m, o, ct); }
    /// catch (HttpRequestException) { log; await Task.Delay(d); return await chat.GetResponseAsync(m, o, ct); }</c>. The
    /// call in the catch repeats a call of the try when it is the same method on the same receiver with the same
    /// arguments, and nothing the request reads changes between the two (the "inputs stay the same" test of loops, see
    /// <see cref="Inputs"/>): a catch that adds the error to the conversation, drops part of the history or switches the
    /// model sends a new request. Which failures the catch takes is judged by <see cref="RetryContextFinder"/>.
    /// </summary>
    internal static partial class LoopRetryClassifier
    {
        /// <summary>
        /// The call of <paramref name="try"/>'s body that <paramref name="resend"/>, in <paramref name="catch"/>, sends
        /// again unchanged; null when there is none.
        /// </summary>
        public static IInvocationOperation? ResentCall(IInvocationOperation resend, ITryOperation @try, ICatchClauseOperation @catch)
        {
            var model = @try.SemanticModel;
            if (model is null || !RetryContextFinder.DescendantsInSameFunction(@catch.Handler).Contains(resend))
            {
                return null;
            }

            foreach (var first in RetryContextFinder.DescendantsInSameFunction(@try.Body).OfType<IInvocationOperation>())
            {
                if (!SameCall(first, resend, model.Compilation) || InsideInnerTry(first, @try))
                {
                    continue;
                }

                // What the request reads, followed through locals declared in the try (the catch's call can read none of
                // them; the receiver and arguments are the same symbols as the try's).
                var inputs = new Inputs(@try.Syntax, model.Compilation);
                if (!inputs.Collect(resend, @try))
                {
                    return null;
                }

                // Between the two sends run the rest of the try (a failure after the call, once it has appended the
                // answer, sends the grown history) and the catch up to its call.
                var between = RetryContextFinder.DescendantsInSameFunction(@try.Body).Where(o => o.Syntax.SpanStart >= first.Syntax.Span.End)
                    .Concat(RetryContextFinder.DescendantsInSameFunction(@catch.Handler).Where(o => o.Syntax.SpanStart < resend.Syntax.SpanStart))
                    .ToList();
                return inputs.ChangedIn(between) || inputs.HandedToOtherCode(between, resend) ? null : first;
            }

            return null;
        }

        /// <summary>The same method on the same receiver with the same argument for every parameter (a cancellation token may differ).</summary>
        private static bool SameCall(IInvocationOperation first, IInvocationOperation again, Compilation compilation)
        {
            if (!SymbolEqualityComparer.Default.Equals(first.TargetMethod, again.TargetMethod)
                || first.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                || !SameValue(first.Instance, again.Instance)
                || first.Arguments.Length != again.Arguments.Length)
            {
                return false;
            }

            var tokens = LogAndWaitCalls.For(compilation);
            foreach (var argument in first.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    return false;
                }

                var other = again.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, parameter));
                if (other is null)
                {
                    return false;
                }

                if (tokens.IsCancellationToken(parameter.Type))
                {
                    continue;
                }

                if (!SameValue(argument.Value, other.Value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The same local, parameter, field or property (of the same object), or the same constant. Anything computed
        /// (a call, a new object, a string built in place) may differ between the two sends, so it is not the same.
        /// </summary>
        private static bool SameValue(IOperation? first, IOperation? again)
        {
            if (first is null || again is null)
            {
                return first is null && again is null;
            }

            first = ValueOrigins.Unwrap(first);
            again = ValueOrigins.Unwrap(again);
            if (first.ConstantValue.HasValue || again.ConstantValue.HasValue)
            {
                return first.ConstantValue.HasValue && again.ConstantValue.HasValue
                    && Equals(first.ConstantValue.Value, again.ConstantValue.Value)
                    && SymbolEqualityComparer.Default.Equals(first.Type, again.Type);
            }

            return (first, again) switch
            {
                (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
                (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
                (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field) && SameValue(a.Instance, b.Instance),
                (IPropertyReferenceOperation { Arguments.Length: 0 } a, IPropertyReferenceOperation { Arguments.Length: 0 } b) =>
                    SymbolEqualityComparer.Default.Equals(a.Property, b.Property) && SameValue(a.Instance, b.Instance),
                (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
                (IDefaultValueOperation a, IDefaultValueOperation b) => a.Type is not null && SymbolEqualityComparer.Default.Equals(a.Type, b.Type),
                _ => false,
            };
        }

        /// <summary>The call sits in a try nested in <paramref name="outer"/>'s body: its failure may be caught before the outer catch sees it.</summary>
        private static bool InsideInnerTry(IOperation call, ITryOperation outer)
        {
            for (IOperation? current = call, parent = call.Parent; parent is not null && parent != outer; current = parent, parent = parent.Parent)
            {
                if (parent is ITryOperation inner && current == inner.Body && inner.Catches.Length > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
