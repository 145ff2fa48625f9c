using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers
{
    /// <summary>
    /// Reads AiLint's options: the <c>.editorconfig</c> keys (names fixed in docs/design/contract.md) and the MSBuild
    /// properties the analyzers and generators look at. Every option is read here.
    /// </summary>
    internal static class AiLintOptions
    {
        public const string MaxToolsKey = "ailint.max_tools";
        public const string LlmCallMethodsKey = "ailint.llm_call_methods";
        public const string RetryMethodsKey = "ailint.retry_methods";
        public const string ProjectDirectoryKey = "build_property.MSBuildProjectDirectory";
        public const int DefaultMaxTools = 20;

        /// <summary>The tool cap that applies to <paramref name="tree"/>; invalid or non-positive values fall back to the default.</summary>
        public static int GetMaxTools(AnalyzerOptions options, SyntaxTree tree)
        {
            var raw = GetRaw(options, tree, MaxToolsKey);
            return raw != null && int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : DefaultMaxTools;
        }

        /// <summary>
        /// Extra LLM call sites, as <c>Namespace.Type.Method</c>: the global options (a .globalconfig or the project's
        /// <c>.editorconfig</c> root section) plus any value set in a tree's <c>.editorconfig</c> section. Call
        /// recognition is computed once per compilation, so the list is one per compilation and every file's entries count.
        /// </summary>
        public static ImmutableHashSet<string> GetLlmCallMethods(AnalyzerOptions options, Compilation compilation) =>
            GetCompilationWideList(options, compilation, LlmCallMethodsKey);

        /// <summary>
        /// Extra retry helpers (they re-run the delegate they are given), as <c>Namespace.Type.Method</c>: every file's
        /// entries count (global options plus any tree's <c>.editorconfig</c> section), as for
        /// <see cref="GetLlmCallMethods"/>, because retry helpers are resolved once per compilation.
        /// </summary>
        public static ImmutableHashSet<string> GetRetryMethods(AnalyzerOptions options, Compilation compilation) =>
            GetCompilationWideList(options, compilation, RetryMethodsKey);

        /// <summary>The MSBuild project directory (<c>build_property.MSBuildProjectDirectory</c>), or null outside MSBuild.</summary>
        public static string? GetProjectDirectory(AnalyzerOptions options) =>
            options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ProjectDirectoryKey, out var value) ? value : null;

        /// <summary>
        /// The project summary is written unless the project sets <c>AiLintProjectSummary</c> to <c>false</c>
        /// (<see cref="SummaryKeys.OptOutProperty"/>).
        /// </summary>
        public static bool IsProjectSummaryEnabled(AnalyzerConfigOptions globalOptions) =>
            !(globalOptions.TryGetValue(SummaryKeys.OptOutProperty, out var value)
              && string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase));

        private static ImmutableHashSet<string> GetCompilationWideList(AnalyzerOptions options, Compilation compilation, string key)
        {
            var result = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out var raw)
                ? ParseList(raw)
                : ImmutableHashSet<string>.Empty;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out raw))
                {
                    result = result.Union(ParseList(raw));
                }
            }

            return result;
        }

        public static ImmutableHashSet<string> ParseList(string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                return ImmutableHashSet<string>.Empty;
            }

            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var part in raw!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Trim();
                if (name.Length > 0)
                {
                    builder.Add(name);
                }
            }

            return builder.ToImmutable();
        }

        public static string? GetRaw(AnalyzerOptions options, SyntaxTree tree, string key)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out var value))
            {
                return value;
            }

            return options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out value) ? value : null;
        }
    }
}
