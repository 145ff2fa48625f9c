using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The semantic models the project summary binds with: one per syntax tree for a whole run (shared by the builder's
    /// declared symbols and the call graph's calls), made without nullable analysis when the running Roslyn can.
    /// </summary>
    /// <remarks>
    /// Why: in <c>#nullable enable</c> code, any question a semantic model answers inside a member body
    /// (<c>GetSymbolInfo</c> on one call as much as <c>GetOperation</c>) first binds the whole member and runs the
    /// compiler's nullable analysis over it, to give nullability-aware answers. The summary only asks which method a
    /// call binds to and which methods a body calls; nullable analysis never changes which member is chosen (it only
    /// re-infers the top-level nullability of types and type arguments, which <c>SymbolEqualityComparer.Default</c>,
    /// original definitions and documentation-comment ids all ignore), so the summary's answers are the same without it,
    /// and a call is bound one statement at a time as intended.
    /// <para>
    /// <c>Compilation.GetSemanticModel(SyntaxTree, SemanticModelOptions)</c> with
    /// <c>SemanticModelOptions.DisableNullableAnalysis</c> exists from Roslyn 4.9 on, but the analyzer assembly compiles
    /// against Roslyn 4.8 (the oldest SDKs it supports), which has neither. So the overload is looked up once per process
    /// by reflection; on an older compiler it is absent and the plain overload is used, which gives
    /// the same answers at the old cost. The tests compare the output both ways on nullable-enabled code and check that
    /// the option takes effect on the Roslyn they run on.
    /// </para>
    /// </remarks>
    internal sealed class SummarySemanticModels
    {
        private static readonly (MethodInfo? Method, object? Options) WithoutNullableAnalysis = ResolveWithoutNullableAnalysis();

        private readonly Compilation compilation;
        private readonly bool nullableAnalysis;
        private readonly Dictionary<SyntaxTree, SemanticModel> models = new();
        private readonly object gate = new();

        /// <param name="compilation">The compilation the summary reads.</param>
        /// <param name="nullableAnalysis">
        /// True to use the plain models (nullable analysis on where the project enables it): the tests and the benchmark
        /// compare both ways. The generator passes false.
        /// </param>
        public SummarySemanticModels(Compilation compilation, bool nullableAnalysis = false)
        {
            this.compilation = compilation;
            this.nullableAnalysis = nullableAnalysis;
        }

        /// <summary>True when this Roslyn can make a model without nullable analysis (4.9 and later).</summary>
        public static bool CanDisableNullableAnalysis => WithoutNullableAnalysis.Method is not null;

        /// <summary>
        /// The model of <paramref name="tree"/>, the same instance for the whole run: a generator's compilation hands out
        /// a new model on each <c>GetSemanticModel</c> call, and a new model binds a statement again for each call in it.
        /// </summary>
        public SemanticModel Get(SyntaxTree tree)
        {
            lock (gate)
            {
                if (!models.TryGetValue(tree, out var model))
                {
                    model = nullableAnalysis || WithoutNullableAnalysis is not ({ } method, { } options)
                        ? SourceBodies.GetSemanticModel(compilation, tree)
                        : (SemanticModel)method.Invoke(compilation, new[] { tree, options })!;
                    models[tree] = model;
                }

                return model;
            }
        }

        /// <summary>
        /// <c>Compilation.GetSemanticModel(SyntaxTree, SemanticModelOptions)</c> and the boxed
        /// <c>SemanticModelOptions.DisableNullableAnalysis</c>, or nulls when this Roslyn does not have them. Kept as the
        /// method and its argument rather than a delegate typed over <c>Compilation</c>, so no static field can be taken for
        /// one holding compilation-bound objects (AnalyzerHygieneTests); the call reflects once per syntax tree, which is
        /// nothing beside binding the tree's calls.
        /// </summary>
        private static (MethodInfo? Method, object? Options) ResolveWithoutNullableAnalysis()
        {
            var optionsType = typeof(Compilation).GetTypeInfo().Assembly.GetType("Microsoft.CodeAnalysis.SemanticModelOptions", throwOnError: false);
            if (optionsType is null || !optionsType.GetTypeInfo().IsEnum || !Enum.IsDefined(optionsType, "DisableNullableAnalysis"))
            {
                return (null, null);
            }

            var method = typeof(Compilation).GetRuntimeMethod(nameof(Compilation.GetSemanticModel), new[] { typeof(SyntaxTree), optionsType });
            return method is { IsStatic: false } && method.ReturnType == typeof(SemanticModel)
                ? (method, Enum.Parse(optionsType, "DisableNullableAnalysis"))
                : (null, null);
        }
    }
}
