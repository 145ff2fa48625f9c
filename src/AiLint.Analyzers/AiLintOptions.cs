using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers
{
    /// <summary>Reads AiLint's <c>.editorconfig</c> options (names fixed in docs/design/contract.md).</summary>
    internal static class AiLintOptions
    {
        public const string MaxToolsKey = "ailint.max_tools";
        public const string LlmCallMethodsKey = "ailint.llm_call_methods";
        public const string RetryMethodsKey = "ailint.retry_methods";
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
        /// Extra LLM call sites, as <c>Namespace.Type.Method</c>. Read from the global options (a .globalconfig or the
        /// project's <c>.editorconfig</c> root section) because call recognition is computed once per compilation.
        /// </summary>
        public static ImmutableHashSet<string> GetLlmCallMethods(AnalyzerOptions options)
        {
            if (!options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(LlmCallMethodsKey, out var raw))
            {
                // An .editorconfig [*.cs] section is per tree; accept the value if any tree carries it.
                raw = null;
            }

            return ParseList(raw);
        }

        /// <summary>
        /// Extra retry helpers (they re-run the delegate they are given), as <c>Namespace.Type.Method</c>: every file's
        /// entries count (global options plus any tree's <c>.editorconfig</c> section), as for
        /// <see cref="GetLlmCallMethods"/>, because retry helpers are resolved once per compilation.
        /// </summary>
        public static ImmutableHashSet<string> GetRetryMethods(AnalyzerOptions options, Compilation compilation)
        {
            var result = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(RetryMethodsKey, out var raw)
                ? ParseList(raw)
                : ImmutableHashSet<string>.Empty;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(RetryMethodsKey, out raw))
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
