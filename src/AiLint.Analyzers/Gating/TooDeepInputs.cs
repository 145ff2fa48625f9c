using System;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// Code nested deeper than the thread's stack allows to follow (a 4,000-term concatenation, thousands of nested
    /// ternaries) makes the recursive evaluators stop with <see cref="InsufficientExecutionStackException"/>
    /// (<c>RuntimeHelpers.EnsureSufficientExecutionStack</c>, called before they recurse), instead of a stack overflow
    /// that would kill the compiler. Such code is treated as unknown: nothing is reported for the member or file being
    /// analysed, other members and files are analysed as usual, and the build gets no AD0001 warning (which
    /// TreatWarningsAsErrors would make an error).
    /// </summary>
    internal static class TooDeepInputs
    {
        /// <summary>The action, with code too deep to follow treated as unknown.</summary>
        public static Action<TContext> Skipped<TContext>(Action<TContext> action) => context =>
        {
            try
            {
                action(context);
            }
            catch (InsufficientExecutionStackException)
            {
                // Too deep to follow: unknown, so not reported.
            }
        };
    }
}
