using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // A project bool method whose answer is a rate-limit test (one returned test, or an if-return-true chain).
    internal sealed partial class RateLimitOnlyRetries
    {
        /// <summary>
        /// A call to a <c>bool</c> method of the project that answers true only for a rate limit: its body is one returned
        /// test (<c>static bool IsRateLimit(HttpRequestException e) =&gt; e.StatusCode == HttpStatusCode.TooManyRequests;</c>),
        /// or a chain of <c>if (test) return true;</c> ending in <c>return false;</c>, read as the <c>||</c> of its tests
        /// (<see cref="PredicateChains"/>). A call back into the method being read (an inner-exception walk) counts as the same test.
        /// </summary>
        private bool IsRateLimitPredicateMethod(IMethodSymbol method, int depth)
        {
            if (method.ReturnType.SpecialType != SpecialType.System_Boolean || !SourceBodies.IsInSource(method, compilation))
            {
                return false;
            }

            if (depth >= MaxHelperDepth)
            {
                return false;
            }

            var yesTests = YesTestsOf(method);
            return yesTests is { Count: > 0 } && yesTests.All(test => AdmitsOnlyRateLimits(test, method, depth + 1));
        }

        /// <summary>
        /// One way the predicate answers true (the <c>&amp;&amp;</c> of an <c>if</c>'s test and the value it returns) admits only
        /// rate limits: one of its parts is a rate-limit test, or, when it calls the method itself, every way through it is.
        /// </summary>
        private bool AdmitsOnlyRateLimits(IReadOnlyList<IOperation> parts, IMethodSymbol method, int depth)
        {
            // A self-call inside the body is the same test applied to another exception: accept it without going deeper.
            var callsItself = parts.Any(part => part.DescendantsAndSelf().OfType<IInvocationOperation>()
                .Any(inner => SymbolEqualityComparer.Default.Equals(inner.TargetMethod.OriginalDefinition, method.OriginalDefinition)));
            return callsItself
                ? parts.Any(part => IsRateLimitTestWithSelfCalls(part, method, depth))
                : parts.Any(part => HasRateLimitConjunct(part, depth));
        }

        private bool IsRateLimitTestWithSelfCalls(IOperation returned, IMethodSymbol method, int depth)
        {
            foreach (var part in ConditionChains.Terms(returned, BinaryOperatorKind.ConditionalAnd, PredicateChains.StandIn))
            {
                if (IsTestOrSelfCall(part, method, depth))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTestOrSelfCall(IOperation operation, IMethodSymbol method, int depth)
        {
            operation = PredicateChains.StandIn(operation);
            return operation switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or =>
                    IsTestOrSelfCall(or.LeftOperand, method, depth) && IsTestOrSelfCall(or.RightOperand, method, depth),

                // `ex.InnerException != null && IsRateLimit(ex.InnerException)`: the null test admits nothing on its own.
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and =>
                    IsTestOrSelfCall(and.LeftOperand, method, depth) || IsTestOrSelfCall(and.RightOperand, method, depth),
                IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition) => true,
                _ => IsRateLimitTest(operation, depth),
            };
        }

        /// <summary>The ways the method answers true (<see cref="PredicateChains.YesTests"/>) of its one body, or null when it is not read.</summary>
        private IReadOnlyList<IReadOnlyList<IOperation>>? YesTestsOf(IMethodSymbol method)
        {
            IReadOnlyList<IReadOnlyList<IOperation>>? tests = null;
            foreach (var body in SourceBodies.GetBodies(method, compilation, CancellationToken.None))
            {
                var block = body as IBlockOperation ?? body.ChildOperations.OfType<IBlockOperation>().FirstOrDefault();
                if (tests is not null || block is null)
                {
                    return null;
                }

                tests = PredicateChains.YesTests(block);
                if (tests is null)
                {
                    return null;
                }
            }

            return tests;
        }
    }
}
