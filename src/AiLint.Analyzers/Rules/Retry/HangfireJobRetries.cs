using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A Hangfire job method retried by an explicit <c>[AutomaticRetry(Attempts = n)]</c> (n &gt; 0) on the method or its
    /// class: when the job throws, Hangfire runs the whole method again later, so an LLM call it reaches (directly or
    /// through a project service) is asked and billed again, and what the job sent before failing is sent again.
    /// </summary>
    /// <remarks>
    /// Only the explicit attribute counts. Hangfire also retries a job without it (10 attempts by default), but a global
    /// filter (<c>GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 0 })</c>) or a server option may
    /// change that where the code does not show it, so a job without the attribute stays quiet.
    /// </remarks>
    internal sealed class HangfireJobRetries
    {
        private const string AttemptsProperty = "Attempts";

        private readonly INamedTypeSymbol? automaticRetry;

        /// <param name="automaticRetry">Hangfire's <c>AutomaticRetryAttribute</c> (<see cref="KnownRetrySymbols"/>), null without Hangfire.</param>
        public HangfireJobRetries(INamedTypeSymbol? automaticRetry)
        {
            this.automaticRetry = automaticRetry;
        }

        /// <summary>
        /// The job retry that re-runs <paramref name="operation"/>, a call in the body of <paramref name="owningMethod"/>;
        /// null when the method is no retried job, or when the call may not make the job fail (see <see cref="MayFailTheJob"/>).
        /// </summary>
        /// <remarks>
        /// The region is the whole method body and there is no anchor: a key made at the top of the job is new on every
        /// run, so the key fixes (which need a statement before the retry) are not offered.
        /// </remarks>
        public RetryContext? Find(IOperation operation, IMethodSymbol? owningMethod)
        {
            // Hangfire invokes only public methods of the job type.
            if (automaticRetry is null
                || owningMethod is not { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, ContainingType: { } type }
                || ExplicitAttempts(owningMethod, type) is not { } attempts
                || attempts <= 0
                || !MayFailTheJob(operation, out var body))
            {
                return null;
            }

            var name = string.Format(CultureInfo.InvariantCulture, "Hangfire's [AutomaticRetry(Attempts = {0})]", attempts);
            return new RetryContext(RetryKind.Helper, name, body, anchor: null, attempts: attempts + 1, unbounded: false);
        }

        /// <summary>
        /// The attempts the method's own attribute sets, or else its class's (or a base class's): Hangfire's method-level
        /// filter wins over the class-level one. Null when the nearest attribute does not set <c>Attempts</c> to a constant.
        /// </summary>
        private int? ExplicitAttempts(IMethodSymbol method, INamedTypeSymbol type)
        {
            if (AttributeOn(method) is { } onMethod)
            {
                return AttemptsOf(onMethod);
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (AttributeOn(current) is { } onType)
                {
                    return AttemptsOf(onType);
                }
            }

            return null;
        }

        private AttributeData? AttributeOn(ISymbol symbol) =>
            symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, automaticRetry));

        private static int? AttemptsOf(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                // A half-typed value (`Attempts = )`, `Attempts = "three"`) is no constant int: nothing is known.
                if (argument.Key == AttemptsProperty)
                {
                    return argument.Value.Kind == TypedConstantKind.Primitive && argument.Value.Value is int attempts ? attempts : null;
                }
            }

            return null;
        }

        /// <summary>
        /// The call runs where the method body runs (not in a lambda or local function, which may run elsewhere), and no
        /// <c>try</c> around it has a handler that may end without throwing: such a handler may swallow the failure, the
        /// job then succeeds and Hangfire does not run it again.
        /// </summary>
        private static bool MayFailTheJob(IOperation operation, out IOperation body)
        {
            var current = operation;
            for (var parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        body = parent;
                        return false;
                    case ITryOperation @try when current == @try.Body && @try.Catches.Any(c => !EndsByThrowing(c)):
                        body = parent;
                        return false;
                }
            }

            body = current;
            return true;
        }

        private static bool EndsByThrowing(ICatchClauseOperation handler) =>
            handler.Handler.Operations.LastOrDefault() is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
