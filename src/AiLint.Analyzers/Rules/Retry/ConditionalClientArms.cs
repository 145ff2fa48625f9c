using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A client chosen by <c>?:</c> (review 78, jmgarris/AgentLearningLab: <c>_responsesClient =
    /// string.IsNullOrWhiteSpace(apiKey) ? null : new ResponsesClient(new ApiKeyCredential(apiKey));</c>, "offline mode"
    /// without a key). A <c>null</c> or <c>default</c> arm makes no request, so the retries that reach the provider are
    /// those of the other arms: the client counts as retrying on its own only when every non-null arm does.
    /// </summary>
    /// <remarks>
    /// One arm whose retries are off, or that cannot be judged (a parameter, an injected client, a factory of another
    /// assembly), leaves the whole choice unjudged: it may be the arm taken at run time. With several retrying arms the
    /// smallest retry count is reported (the multiplication is then at least that) and no fix is offered, since a fix
    /// would change one arm only.
    /// </remarks>
    internal static class ConditionalClientArms
    {
        /// <summary>The finding for the client <paramref name="conditional"/> picks, judging each non-null arm with <paramref name="judge"/>.</summary>
        public static SdkRetryFinding? Judge(IConditionalOperation conditional, Func<IOperation, SdkRetryFinding?> judge)
        {
            if (conditional.WhenFalse is not { } whenFalse)
            {
                return null;
            }

            SdkRetryFinding? least = null;
            var judged = 0;
            var allDefault = true;
            foreach (var arm in new[] { conditional.WhenTrue, whenFalse })
            {
                if (IsNull(arm))
                {
                    continue;
                }

                if (judge(arm) is not { } finding)
                {
                    return null;
                }

                judged++;
                allDefault &= finding.IsDefault;
                least = least is null || finding.Retries < least.Retries ? finding : least;
            }

            return judged switch
            {
                0 => null,
                1 => least,
                _ => new SdkRetryFinding(least!.Provider, least.Retries, allDefault, fixTarget: null, fixKind: null),
            };
        }

        private static bool IsNull(IOperation arm) =>
            ValueOrigins.Unwrap(arm).ConstantValue is { HasValue: true, Value: null };
    }
}
