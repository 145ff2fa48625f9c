using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Reads the body of a <c>bool</c> predicate as the ways it can answer true. Real helpers test each exception type
    /// that can carry a status in an <c>if</c> of its own (review 19, FP2):
    /// <code>
    /// if (ex is ClientResultException c &amp;&amp; c.Status == 429) return true;
    /// if (ex is HttpRequestException h &amp;&amp; h.StatusCode == HttpStatusCode.TooManyRequests) return true;
    /// return false;
    /// </code>
    /// which answers true exactly when the <c>||</c> of its tests holds, like the one-expression form.
    /// </summary>
    /// <remarks>
    /// Read: a sequence of <c>if (test) return value;</c> (no <c>else</c>; the <c>return</c> alone or alone in a block)
    /// ending in a <c>return</c>. An <c>if (test) return false;</c> only narrows what the later statements see, so it adds
    /// no way to answer true; <c>if (test) return e;</c> answers true when both hold. A final <c>return true;</c> answers
    /// true for everything the tests did not catch, so the body is not read. Any other statement (a local, a loop, an
    /// assignment, a call, a nested <c>if</c> chain) leaves the body unread, and the caller treats it as admitting anything.
    /// </remarks>
    internal static class PredicateChains
    {
        /// <summary>
        /// For each way <paramref name="body"/> answers true, the parts whose <c>&amp;&amp;</c> it requires (the <c>if</c>'s test and a
        /// returned value that is not the constant <c>true</c>); an empty list when it always answers false; null when
        /// the body is not such a chain.
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<IOperation>>? YesTests(IBlockOperation body)
        {
            var operations = body.Operations;
            if (operations.Length == 0 || operations[operations.Length - 1] is not IReturnOperation { ReturnedValue: { } last })
            {
                return null;
            }

            var yes = new List<IReadOnlyList<IOperation>>();
            for (var i = 0; i < operations.Length - 1; i++)
            {
                if (operations[i] is not IConditionalOperation { WhenFalse: null, Condition: { } test, WhenTrue: { } whenTrue }
                    || SingleReturn(whenTrue) is not { } value)
                {
                    return null;
                }

                switch (Constant(value))
                {
                    case false:
                        continue; // narrows only
                    case true:
                        yes.Add(new[] { test });
                        break;
                    default:
                        yes.Add(new[] { test, value });
                        break;
                }
            }

            switch (Constant(last))
            {
                case false:
                    return yes;
                case true:
                    return null; // true for everything the ifs let through
                default:
                    yes.Add(new[] { last });
                    return yes;
            }
        }

        private static IOperation? SingleReturn(IOperation statement) => statement switch
        {
            IReturnOperation { ReturnedValue: { } value } => value,
            IBlockOperation { Operations.Length: 1 } block => SingleReturn(block.Operations[0]),
            _ => null,
        };

        private static bool? Constant(IOperation value) =>
            ValueOrigins.Unwrap(value).ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;
    }
}
