using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The values a Polly pipeline or policy may come from when its origin has more than one: the <c>return</c>s of a
    /// project factory with early returns (<c>if (!settings.EnableRetries) return ResiliencePipeline.Empty; ...</c>), or
    /// the branches of a <c>?:</c> or <c>switch</c> expression its arguments do not decide. A retry is reported only when
    /// every value that may be used retries: a path that runs the call once means the call may never be retried.
    /// </summary>
    internal static class FactoryReturnPaths
    {
        /// <summary>
        /// The values <paramref name="origin"/> may take, read for <paramref name="arguments"/> (for a factory call: that
        /// call's arguments, given back in <paramref name="pathArguments"/>); null when it has only one. A factory called
        /// through an interface or a virtual method (<c>pipelines.Create()</c>) may run any of the project's overrides and
        /// implementations that <paramref name="implementations"/> gives (see <see cref="SourceImplementations"/>).
        /// </summary>
        public static IReadOnlyList<IOperation>? Of(IOperation origin, FactoryArguments arguments, Compilation compilation, System.Func<IMethodSymbol, List<IMethodSymbol>?> implementations, CancellationToken cancellationToken, out FactoryArguments pathArguments)
        {
            pathArguments = arguments;
            switch (origin)
            {
                // TraceThroughFactories already took the branch a constant argument picks: this one is undecided.
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when conditional.Type is not null:
                    return new[] { conditional.WhenTrue, whenFalse };
                case ISwitchExpressionOperation switchExpression when switchExpression.Arms.Length > 0:
                    return switchExpression.Arms.Select(arm => arm.Value).ToList();
                case IInvocationOperation call when ValueOrigins.IsFollowable(call.TargetMethod, compilation):
                    pathArguments = new FactoryArguments(call);
                    return Returns(call.TargetMethod, pathArguments, compilation, cancellationToken);
                // `base.Create()` runs the base body only; that one is not followed (rare, and then unknown as before).
                case IInvocationOperation call when (call.TargetMethod.IsVirtual || call.TargetMethod.IsAbstract || call.TargetMethod.IsOverride)
                    && call.Instance?.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax:
                    pathArguments = FactoryArguments.None;
                    return ImplementationReturns(call.TargetMethod, compilation, implementations, cancellationToken);
                case IPropertyReferenceOperation { Property: { IsIndexer: false, SetMethod: null, GetMethod: { } getter } property } when ValueOrigins.IsFollowable(property, compilation):
                    pathArguments = FactoryArguments.None;
                    return Returns(getter, pathArguments, compilation, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Every value returned by the project's implementations of an interface, abstract or virtual factory method (and by
        /// its own body, when it has one). Null when the project has no implementation, or one it cannot read (its
        /// pipeline is then as unknown as before).
        /// </summary>
        private static IReadOnlyList<IOperation>? ImplementationReturns(IMethodSymbol method, Compilation compilation, System.Func<IMethodSymbol, List<IMethodSymbol>?> implementations, CancellationToken cancellationToken)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly)
                || implementations(definition) is not { Count: > 0 } bodies)
            {
                return null;
            }

            var candidates = new List<IMethodSymbol>(bodies);
            if (!definition.IsAbstract)
            {
                candidates.Add(definition);
            }

            var values = new List<IOperation>();
            foreach (var candidate in candidates)
            {
                if (candidate.IsAsync || ValueOrigins.BodyBlock(candidate, compilation, cancellationToken) is not { } block)
                {
                    return null;
                }

                var returned = RetryContextFinder.DescendantsInSameFunction(block).OfType<IReturnOperation>().Select(r => r.ReturnedValue).ToList();
                if (returned.Count == 0 || returned.Any(v => v is null))
                {
                    return null;
                }

                values.AddRange(returned!);
            }

            return values;
        }

        /// <summary>
        /// The returned values, in source order, of the returns the call may reach: a return in a branch the arguments do
        /// not take is left out, and one they surely reach ends the list (what follows it never runs).
        /// </summary>
        private static IReadOnlyList<IOperation>? Returns(IMethodSymbol method, FactoryArguments arguments, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet) || method.IsAsync
                || ValueOrigins.BodyBlock(method, compilation, cancellationToken) is not { } block)
            {
                return null;
            }

            var returns = RetryContextFinder.DescendantsInSameFunction(block)
                .OfType<IReturnOperation>()
                .Where(r => r.ReturnedValue is not null)
                .OrderBy(r => r.Syntax.SpanStart)
                .ToList();
            if (returns.Count < 2)
            {
                return null;
            }

            var reached = new List<IOperation>();
            foreach (var @return in returns)
            {
                if (arguments.IsInBranchNotTaken(@return, block))
                {
                    continue;
                }

                reached.Add(@return.ReturnedValue!);
                if (arguments.IsSurelyReached(@return, block))
                {
                    break;
                }
            }

            return reached.Count == 0 ? null : reached;
        }
    }
}
