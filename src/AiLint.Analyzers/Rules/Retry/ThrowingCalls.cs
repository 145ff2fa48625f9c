using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Calls that obviously throw, for a catch that would otherwise look like it swallows (see <see cref="SwallowedAttempts"/>):
    /// <c>ExceptionDispatchInfo.Capture(ex).Throw()</c>, a method marked <c>[DoesNotReturn]</c>, or a plain method of the
    /// project whose body cannot end and has no <c>return</c> (<c>static void Fail(Exception ex) =&gt; throw new
    /// LlmException(ex);</c>, <c>{ log(ex); throw new ...; }</c>). Such a catch lets the failure out, so the retry re-sends.
    /// </summary>
    /// <remarks>
    /// Only what the call itself shows: a project method that throws through another call, or only on some paths, is
    /// taken not to throw (the catch's own calls are otherwise taken not to throw, see the rule page).
    /// </remarks>
    internal static class ThrowingCalls
    {
        private static readonly ConditionalWeakTable<Compilation, Symbols> Cache = new();

        /// <summary>A call in <paramref name="handler"/> (outside nested lambdas and local functions) that always throws.</summary>
        public static bool AnyIn(IOperation handler, Compilation compilation, CancellationToken cancellationToken)
        {
            var symbols = Cache.GetValue(compilation, c => new Symbols(c));
            return RetryContextFinder.DescendantsInSameFunction(handler).OfType<IInvocationOperation>()
                .Any(call => AlwaysThrows(call.TargetMethod, symbols, compilation, cancellationToken));
        }

        private static bool AlwaysThrows(IMethodSymbol method, Symbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            var definition = method.ReducedFrom ?? method.OriginalDefinition;
            if (symbols.DoesNotReturn is { } attribute
                && definition.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
            {
                return true;
            }

            if (symbols.DispatchInfo is { } dispatch && definition.Name == "Throw"
                && SymbolEqualityComparer.Default.Equals(definition.ContainingType, dispatch))
            {
                return true;
            }

            // A method of the project that can be overridden may run another body.
            if (!SourceBodies.IsInSource(definition, compilation) || definition.MethodKind != MethodKind.Ordinary
                || definition.IsVirtual || definition.IsAbstract || definition.IsOverride || definition.IsPartialDefinition)
            {
                return false;
            }

            foreach (var body in SourceBodies.GetBodySyntax(definition, cancellationToken))
            {
                if (!BodyAlwaysThrows(body, compilation))
                {
                    return false;
                }
            }

            return definition.DeclaringSyntaxReferences.Length > 0;
        }

        private static bool BodyAlwaysThrows(SyntaxNode declaration, Compilation compilation)
        {
            SyntaxNode? body = declaration switch
            {
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
            switch (body)
            {
                case ArrowExpressionClauseSyntax { Expression: ThrowExpressionSyntax }:
                    return true;
                case BlockSyntax { Statements.Count: > 0 } block:
                    var model = SourceBodies.GetSemanticModel(compilation, block.SyntaxTree);
                    var flow = model.AnalyzeControlFlow(block.Statements.First(), block.Statements.Last());
                    return flow.Succeeded && !flow.EndPointIsReachable && flow.ExitPoints.IsEmpty && flow.ReturnStatements.IsEmpty;
                default:
                    return false;
            }
        }

        private sealed class Symbols
        {
            public Symbols(Compilation compilation)
            {
                DoesNotReturn = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
                DispatchInfo = compilation.GetTypeByMetadataName("System.Runtime.ExceptionServices.ExceptionDispatchInfo");
            }

            public INamedTypeSymbol? DoesNotReturn { get; }

            public INamedTypeSymbol? DispatchInfo { get; }
        }
    }
}
