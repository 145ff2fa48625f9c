using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A "retry once" written without a loop: a catch that makes the try's call again (see
    /// <see cref="LoopRetryClassifier.ResentCall"/>). The catch must take a failure the call itself can raise: not only
    /// rate limits (a refused request generated nothing), not the project's own exception type (the SDK cannot throw it),
    /// and not a parse failure of the answer (<c>JsonException</c>, <c>FormatException</c>: that asks again after
    /// rejecting the answer, which the key fixes would not mend).
    /// </summary>
    internal sealed partial class RetryContextFinder
    {
        /// <summary>The retry that <paramref name="catch"/> of <paramref name="try"/> makes by sending <paramref name="resend"/> again; null when it does not.</summary>
        private RetryContext? CatchResend(IOperation resend, ITryOperation @try, ICatchClauseOperation @catch)
        {
            if (resend is not IInvocationOperation call
                || IsStream(call.Type)
                || !MayComeFromTheCall(@catch)
                || LoopRetryClassifier.ResentCall(call, @try, @catch) is null)
            {
                return null;
            }

            // No anchor: a key made before the try and passed to the call in the catch alone would key the second send
            // only, which nothing can match with the first. Two attempts: the try's and the catch's.
            var line = @catch.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            return new RetryContext(RetryKind.CatchResend, "catch at line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + " that sends the same request again", @try, anchor: null, attempts: 2, unbounded: false);
        }

        private bool MayComeFromTheCall(ICatchClauseOperation @catch)
        {
            var caught = @catch.ExceptionType;
            if (caught is null || caught.TypeKind == TypeKind.Error || rateLimits.CatchesOnlyRateLimits(@catch))
            {
                return false;
            }

            if (caught.Locations.Any(l => l.IsInSource))
            {
                return false; // the project's own exception
            }

            return !(catchResendSymbols ??= new CatchResendSymbols(compilation)).ParseFailures.Any(type => ProjectThrows.DerivesFrom(caught, type));
        }

        private bool IsStream(ITypeSymbol? type)
        {
            var stream = (catchResendSymbols ??= new CatchResendSymbols(compilation)).AsyncEnumerable;
            return type is not null && stream is not null
                && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, stream)
                    || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, stream)));
        }
    
        // Resolved once per compilation, on the first catch that resends (a benign race: both results are equal).
        private CatchResendSymbols? catchResendSymbols;

        private sealed class CatchResendSymbols
        {
            public CatchResendSymbols(Compilation compilation)
            {
                AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
                ParseFailures = new[] { "System.Text.Json.JsonException", "Newtonsoft.Json.JsonException", "System.FormatException" }
                    .Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
            }

            public INamedTypeSymbol? AsyncEnumerable { get; }

            /// <summary>Failures of reading the answer, not of sending the request.</summary>
            public INamedTypeSymbol[] ParseFailures { get; }
        }
    }
}
