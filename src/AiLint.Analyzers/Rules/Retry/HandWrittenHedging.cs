using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Hand-written hedging: <c>Task.WhenAny</c> over two or more copies of the same generation request (same method,
    /// same receiver, same arguments apart from cancellation tokens), written out
    /// (<c>var a = chat.GetResponseAsync(msgs); var b = chat.GetResponseAsync(msgs); await Task.WhenAny(a, b);</c>) or
    /// produced by <c>Enumerable.Range(0, n).Select(_ =&gt; chat.GetResponseAsync(msgs))</c>. Like a retry, it sends the
    /// same request again: each copy samples its own answer and repeats its side effects and cost.
    /// </summary>
    /// <remarks>
    /// Only <c>WhenAny</c>: <c>WhenAll</c> over copies of one prompt is deliberate sampling (self-consistency, best-of-n),
    /// and over different prompts or items it is a batch. Copies must be visibly identical; a different prompt,
    /// item or model makes them different requests.
    /// </remarks>
    internal static class HandWrittenHedging
    {
        /// <summary>True for <c>Task.WhenAny</c> (the cheap test run on every invocation of a body with LLM calls).</summary>
        public static bool IsWhenAny(IInvocationOperation invocation) =>
            invocation.TargetMethod is { Name: "WhenAny", IsStatic: true } method
            && method.ContainingType is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } };

        /// <summary>The duplicated generation calls <paramref name="whenAny"/> races, with the retry-like context to report them with.</summary>
        public static List<(IInvocationOperation Call, RetryContext Hedge)> Find(IInvocationOperation whenAny, LlmCallRecognizer recognizer, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<(IInvocationOperation, RetryContext)>();
            if (InLoop(whenAny))
            {
                // `while (tasks.Count > 0) { var done = await Task.WhenAny(tasks); ... }` consumes every result in
                // completion order: deliberate sampling or a batch, not a race for the first answer.
                return found;
            }

            var written = new List<IInvocationOperation>();
            foreach (var task in Tasks(whenAny, compilation, cancellationToken))
            {
                var origin = ValueOrigins.Trace(task, compilation, cancellationToken);
                if (origin is IInvocationOperation call && IsGeneration(call, recognizer, cancellationToken))
                {
                    written.Add(call);
                }
                else if (RepeatedCall(origin, recognizer, compilation, cancellationToken) is { } repeated)
                {
                    found.Add((repeated.Call, Hedge(repeated.Call, repeated.Copies)));
                }
            }

            // Written-out copies: group identical requests.
            foreach (var group in Group(written))
            {
                if (group.Count >= 2)
                {
                    found.AddRange(group.Select(c => (c, Hedge(c, group.Count))));
                }
            }

            return found;
        }

        private static bool InLoop(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILoopOperation)
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private static RetryContext Hedge(IInvocationOperation call, int? copies)
        {
            var name = copies is { } n
                ? string.Format(CultureInfo.InvariantCulture, "Task.WhenAny over {0} copies of the same request", n)
                : "Task.WhenAny over copies of the same request";
            return new RetryContext(RetryKind.Helper, name, call, anchor: null, attempts: copies, unbounded: false);
        }

        /// <summary>The task operands: <c>WhenAny(a, b)</c>, <c>WhenAny(new[] { a, b })</c> or <c>WhenAny(tasks)</c>.</summary>
        private static IEnumerable<IOperation> Tasks(IInvocationOperation whenAny, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var argument in whenAny.Arguments)
            {
                var value = ValueOrigins.Unwrap(argument.Value);
                if (ValueOrigins.Trace(value, compilation, cancellationToken) is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
                else if (value is not (ILocalReferenceOperation or IFieldReferenceOperation or IParameterReferenceOperation or IInvocationOperation)
                    && value.Type is { Name: not ("Task" or "ValueTask") })
                {
                    // A collection expression `[a, b]` (array, span or list; no dedicated operation kind in Roslyn 4.8):
                    // its children are the elements.
                    foreach (var element in value.ChildOperations)
                    {
                        yield return element;
                    }
                }
                else
                {
                    yield return value;
                }
            }
        }

        private static bool IsGeneration(IInvocationOperation call, LlmCallRecognizer recognizer, CancellationToken cancellationToken)
        {
            // AsTask() on a ValueTask-returning call.
            var target = call;
            if (target.TargetMethod.Name == "AsTask" && target.Instance is IInvocationOperation inner)
            {
                target = inner;
            }

            return recognizer.Recognize(target.TargetMethod, cancellationToken) is { IsLlmCall: true, Kind: LlmCallKind.Generation };
        }

        /// <summary>
        /// <c>Enumerable.Range(0, n).Select(_ =&gt; chat.GetResponseAsync(msgs))</c> (or <c>Repeat</c>), optionally
        /// followed by <c>ToList()</c>/<c>ToArray()</c>, where the lambda ignores its parameter: n copies of one request.
        /// </summary>
        private static (IInvocationOperation Call, int? Copies)? RepeatedCall(IOperation origin, LlmCallRecognizer recognizer, Compilation compilation, CancellationToken cancellationToken)
        {
            var current = origin;
            while (current is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } materialize && ValueOrigins.Receiver(materialize) is { } source)
            {
                current = ValueOrigins.Trace(source, compilation, cancellationToken);
            }

            if (current is not IInvocationOperation { TargetMethod.Name: "Select", TargetMethod.ContainingType.Name: "Enumerable" } select
                || ValueOrigins.Receiver(select) is not { } receiver
                || ValueOrigins.Trace(receiver, compilation, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Range" or "Repeat", TargetMethod.ContainingType.Name: "Enumerable" } range
                || range.Arguments.Length != 2
                || select.Arguments.Length != 2)
            {
                return null;
            }

            var copies = ValueOrigins.ConstantInt(range.Arguments[1].Value);
            if (copies is < 2)
            {
                return null;
            }

            var lambdaValue = select.Arguments[1].Value;
            while (lambdaValue is IDelegateCreationOperation creation)
            {
                lambdaValue = creation.Target;
            }

            if (lambdaValue is not IAnonymousFunctionOperation lambda || lambda.Symbol.Parameters.Length != 1)
            {
                return null;
            }

            var parameter = lambda.Symbol.Parameters[0];
            if (lambda.Body.Descendants().Any(o => o is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, parameter)))
            {
                // The item feeds the request: different requests.
                return null;
            }

            var calls = lambda.Body.Descendants().OfType<IInvocationOperation>().Where(c => IsGeneration(c, recognizer, cancellationToken)).ToList();
            return calls.Count == 1 ? (calls[0], copies) : null;
        }

        /// <summary>Groups calls that send the same request: same method, same receiver, same arguments (tokens aside).</summary>
        private static IEnumerable<List<IInvocationOperation>> Group(List<IInvocationOperation> calls)
        {
            var groups = new List<List<IInvocationOperation>>();
            foreach (var call in calls)
            {
                var group = groups.FirstOrDefault(g => SameRequest(g[0], call));
                if (group is null)
                {
                    groups.Add(new List<IInvocationOperation> { call });
                }
                else if (!group.Any(c => c.Syntax == call.Syntax))
                {
                    group.Add(call);
                }
            }

            return groups;
        }

        private static bool SameRequest(IInvocationOperation a, IInvocationOperation b)
        {
            if (!SymbolEqualityComparer.Default.Equals(a.TargetMethod, b.TargetMethod) || a.Arguments.Length != b.Arguments.Length)
            {
                return false;
            }

            if (!SameSyntax(ValueOrigins.Receiver(a), ValueOrigins.Receiver(b)))
            {
                return false;
            }

            for (var i = 0; i < a.Arguments.Length; i++)
            {
                var x = a.Arguments[i];
                var y = b.Arguments[i];
                if (x.Parameter?.Type.Name == nameof(CancellationToken) && x.Parameter.Type.ContainingNamespace?.ToDisplayString() == "System.Threading")
                {
                    continue;
                }

                if (x.ArgumentKind != y.ArgumentKind || !SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter) || !SameSyntax(x.Value, y.Value))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameSyntax(IOperation? a, IOperation? b)
        {
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            if (a.IsImplicit || b.IsImplicit)
            {
                // Implicit operations (a params array, a default argument) have no text of their own: compare their
                // constants and parts, so that `Complete(new UserChatMessage(q1))` and `Complete(new UserChatMessage(q2))` differ.
                if (a.Kind != b.Kind || a.ConstantValue.HasValue != b.ConstantValue.HasValue)
                {
                    return false;
                }

                if (a.ConstantValue.HasValue)
                {
                    return Equals(a.ConstantValue.Value, b.ConstantValue.Value);
                }

                var left = a.ChildOperations.ToList();
                var right = b.ChildOperations.ToList();
                return left.Count == right.Count && left.Zip(right, SameSyntax).All(same => same);
            }

            // Identical text names the same locals and values (a local written between the two calls is rare enough).
            return SyntaxFactory.AreEquivalent(a.Syntax, b.Syntax);
        }
    }
}
