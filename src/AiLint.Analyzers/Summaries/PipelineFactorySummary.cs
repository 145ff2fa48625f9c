using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Retry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The project's public methods that return a Polly v8 pipeline built without a retry
    /// (<c>public static ResiliencePipeline ModelCallTimeout() =&gt; new ResiliencePipelineBuilder().AddTimeout(...).Build();</c>),
    /// recorded as <see cref="SummaryKeys.PipelineFactory"/> so that a referencing project, which sees only the method's
    /// metadata, judges <c>Pipelines.ModelCallTimeout().ExecuteAsync(...)</c> as the defining project does (review 13, FP1).
    /// </summary>
    /// <remarks>
    /// Each returned value is classified by <see cref="PollyRetries.ClassifyPipeline(IOperation?, CancellationToken)"/>, the analyzers' own reading, with
    /// the method's parameters unknown: a factory is recorded when one of its returns visibly runs the callback once
    /// (<c>if (!enabled) return ResiliencePipeline.Empty;</c>), the rule a call with non-constant arguments gets inside
    /// the project. Factories that retry, or whose pipeline is not visible, are not recorded: a referencing project treats
    /// an unrecorded factory as a retry, as before. Only non-async, non-virtual methods whose declared return type is
    /// spelled <c>ResiliencePipeline</c> or <c>ResiliencePipeline&lt;T&gt;</c> are bound, and only when Polly is referenced.
    /// </remarks>
    internal sealed class PipelineFactorySummary
    {
        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? pipeline;
        private readonly INamedTypeSymbol? pipelineOfT;

        public PipelineFactorySummary(Compilation compilation)
        {
            this.compilation = compilation;
            pipeline = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline");
            pipelineOfT = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline`1");
        }

        /// <summary>Syntax only: Polly is referenced and the declaration returns a type named <c>ResiliencePipeline</c>.</summary>
        public bool MayBeFactory(MethodDeclarationSyntax declaration)
        {
            if (pipeline is null || declaration.Body is null && declaration.ExpressionBody is null)
            {
                return false;
            }

            var name = declaration.ReturnType switch
            {
                QualifiedNameSyntax qualified => qualified.Right,
                AliasQualifiedNameSyntax alias => alias.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name?.Identifier.ValueText == "ResiliencePipeline";
        }

        /// <summary>True when <paramref name="method"/> returns a pipeline and one of its returns visibly does not retry.</summary>
        public bool ReturnsPipelineWithoutRetry(IMethodSymbol method, PollyRetries polly, CancellationToken cancellationToken)
        {
            if (method.IsAsync || method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern
                || method.ReturnType is not INamedTypeSymbol returned
                || !(SymbolEqualityComparer.Default.Equals(returned, pipeline) || SymbolEqualityComparer.Default.Equals(returned.OriginalDefinition, pipelineOfT))
                || ValueOrigins.BodyBlock(method, compilation, cancellationToken) is not { } block)
            {
                return false;
            }

            var values = RetryContextFinder.DescendantsInSameFunction(block).OfType<IReturnOperation>().Select(r => r.ReturnedValue).ToList();
            return values.Count > 0 && values.Any(value => value is not null && !polly.ClassifyPipeline(value, cancellationToken).Retries);
        }
    }
}
