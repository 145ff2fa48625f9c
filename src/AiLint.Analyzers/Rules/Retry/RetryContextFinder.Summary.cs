using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>What the finder knows about a method as a whole, for the project summary other projects read.</summary>
    internal sealed partial class RetryContextFinder
    {
        /// <summary>
        /// Ordinals of the delegate parameters of <paramref name="method"/> (a method of this compilation) that every body
        /// a call can run retries: its own body, or, for an interface, abstract or virtual method, every implementation in
        /// the compilation (the same rule a call inside this compilation gets).
        /// </summary>
        /// <remarks>
        /// Each ordinal comes with the ordinals of the delegate's own parameters the helper hands a per-attempt value
        /// (<c>operation(attempt)</c>, see <see cref="PerAttemptArguments"/>), or null when it re-runs the delegate with
        /// the same arguments.
        /// </remarks>
        public IReadOnlyList<(int Ordinal, int[]? PerAttempt)> RetriedParameterOrdinals(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var result = new List<(int, int[]?)>();
            var dispatched = method.IsAbstract || method.IsVirtual || (method.IsOverride && !method.IsSealed) || method.ContainingType.TypeKind == TypeKind.Interface;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.TypeKind != TypeKind.Delegate)
                {
                    continue;
                }

                var context = dispatched
                    ? RetriedByEveryImplementation(method, parameter.Ordinal, cancellationToken, out var perAttempt)
                    : RetriedBy(method, parameter.Ordinal, cancellationToken, out perAttempt);
                // A helper that re-opens a stream only while nothing was yielded (AIL0001's case) is not recorded: the
                // summary has no room for that, and a caller in another project would be told AIL0002 instead.
                if (context is not null && !context.BeforeFirstPart)
                {
                    result.Add((parameter.Ordinal, perAttempt));
                }
            }

            return result;
        }
    }
}
