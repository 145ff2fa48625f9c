using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Configuration
{
    /// <summary>
    /// The severity a project configured for a diagnostic AiLint reports in an additional file (a prompt file, an eval
    /// file, a model id in <c>appsettings*.json</c>, a row of a <c>*.ailint-models.json</c> table). The compiler applies
    /// <c>.editorconfig</c> sections only to diagnostics in syntax trees; one located in an additional file gets only the
    /// <c>.globalconfig</c> values (dotnet/roslyn#31916), and the additional file's own options never hold
    /// <c>dotnet_diagnostic.&lt;id&gt;.severity</c> (the compiler keeps those keys for trees). So
    /// <c>[*.cs] dotnet_diagnostic.AIL0301.severity = warning</c> lowered the rule in C# and left <c>skprompt.txt</c> an
    /// error (review42 FP2/M2), and <c>AIL0503</c> stayed an error on a retired id in <c>appsettings.json</c>. The file
    /// takes what the project configured for the C# file nearest to it (the one sharing the longest folder path: the same
    /// <c>.editorconfig</c> files govern both), read in Roslyn's order: the id's own severity, then the category's
    /// (<c>dotnet_analyzer_diagnostic.category-AiLint.Evaluation.severity</c>, <c>...category-AiLint.Models.severity</c>;
    /// from a section naming the file itself, e.g. <c>[*]</c>, else the nearest C# file's), then
    /// <c>dotnet_analyzer_diagnostic.severity</c>. Unconfigured, the descriptor's default stands. A <c>.globalconfig</c>
    /// value still applies on top, as the compiler applies it to every location. One instance per compilation (it caches
    /// the nearest C# file of each path).
    /// </summary>
    internal sealed class AdditionalFileSeverity
    {
        private readonly Compilation compilation;
        private readonly AnalyzerOptions options;
        private readonly Lazy<List<(string Path, SyntaxTree Tree)>> trees;
        private readonly ConcurrentDictionary<string, SyntaxTree?> nearest = new ConcurrentDictionary<string, SyntaxTree?>(StringComparer.Ordinal);

        public AdditionalFileSeverity(Compilation compilation, AnalyzerOptions options)
        {
            this.compilation = compilation;
            this.options = options;
            trees = new Lazy<List<(string, SyntaxTree)>>(ListTrees, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The diagnostic as the project configured it for <paramref name="file"/>: with the configured severity, with the
        /// descriptor's default when nothing is configured, or null when it is configured <c>none</c>.
        /// </summary>
        public Diagnostic? Create(AdditionalText file, DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, object?[] messageArgs, CancellationToken cancellationToken)
        {
            var configured = Configured(file, descriptor, cancellationToken);
            switch (configured)
            {
                case ReportDiagnostic.Suppress:
                    return null;
                case ReportDiagnostic.Error:
                case ReportDiagnostic.Warn:
                case ReportDiagnostic.Info:
                case ReportDiagnostic.Hidden:
                    return Diagnostic.Create(descriptor, location, ToSeverity(configured), additionalLocations: null, properties, messageArgs);
                default:
                    return Diagnostic.Create(descriptor, location, properties, messageArgs);
            }
        }

        /// <summary>The configured severity, <see cref="ReportDiagnostic.Default"/> when none is.</summary>
        internal ReportDiagnostic Configured(AdditionalText file, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
        {
            var tree = Nearest(file.Path);
            if (tree != null
                && compilation.Options.SyntaxTreeOptionsProvider is { } provider
                && provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var byId)
                && byId != ReportDiagnostic.Default)
            {
                return byId;
            }

            var own = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            var ofTree = tree == null ? null : options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            var categoryKey = "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity";
            foreach (var key in new[] { categoryKey, "dotnet_analyzer_diagnostic.severity" })
            {
                if (Read(own, key) is { } fromFile)
                {
                    return fromFile;
                }

                if (ofTree != null && Read(ofTree, key) is { } fromTree)
                {
                    return fromTree;
                }
            }

            return ReportDiagnostic.Default;
        }

        private static ReportDiagnostic? Read(AnalyzerConfigOptions options, string key)
        {
            if (!options.TryGetValue(key, out var value))
            {
                return null;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "error": return ReportDiagnostic.Error;
                case "warning": return ReportDiagnostic.Warn;
                case "suggestion": return ReportDiagnostic.Info;
                case "silent":
                case "refactoring": return ReportDiagnostic.Hidden;
                case "none": return ReportDiagnostic.Suppress;
                default: return null; // "default" or a misspelling: the next setting or the descriptor decides
            }
        }

        private static DiagnosticSeverity ToSeverity(ReportDiagnostic report) => report switch
        {
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Hidden,
        };

        /// <summary>The C# file sharing the longest folder path with <paramref name="path"/>; of equals, the shortest path.</summary>
        private SyntaxTree? Nearest(string path) => nearest.GetOrAdd(path, p =>
        {
            var folder = Folder(Normalize(p));
            SyntaxTree? best = null;
            string? bestPath = null;
            var bestShared = -1;
            foreach (var (treePath, tree) in trees.Value)
            {
                var shared = SharedFolderLength(folder, Folder(treePath));
                if (shared > bestShared || (shared == bestShared && (treePath.Length < bestPath!.Length || (treePath.Length == bestPath.Length && string.CompareOrdinal(treePath, bestPath) < 0))))
                {
                    best = tree;
                    bestPath = treePath;
                    bestShared = shared;
                }
            }

            return best;
        });

        private List<(string, SyntaxTree)> ListTrees()
        {
            var list = new List<(string, SyntaxTree)>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!string.IsNullOrEmpty(tree.FilePath))
                {
                    list.Add((Normalize(tree.FilePath), tree));
                }
            }

            return list;
        }

        private static string Normalize(string path) => path.Replace('\\', '/');

        private static string Folder(string path)
        {
            var slash = path.LastIndexOf('/');
            return slash < 0 ? string.Empty : path.Substring(0, slash + 1);
        }

        /// <summary>The length of the folder path two folders (each ending with '/') share, in whole folder names.</summary>
        private static int SharedFolderLength(string a, string b)
        {
            var length = Math.Min(a.Length, b.Length);
            var shared = 0;
            for (var i = 0; i < length; i++)
            {
                if (a[i] != b[i])
                {
                    break;
                }

                if (a[i] == '/')
                {
                    shared = i + 1;
                }
            }

            return shared;
        }
    }
}
