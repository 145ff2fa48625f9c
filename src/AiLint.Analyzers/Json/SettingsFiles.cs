using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Json
{
    /// <summary>
    /// Which AdditionalFiles are the project's settings files, decided here for every reading of them (model ids, URLs,
    /// prompts). A settings file is any <c>appsettings*.json</c>: its values are read for what they say. Only some of
    /// them reach the running app: .NET's host (<c>Host.CreateDefaultBuilder</c>, <c>WebApplication.CreateBuilder</c>)
    /// loads <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>, the environment being any name set at run
    /// time (<c>Development</c>, <c>Production</c>, <c>Local</c>). A template a repository ships for users to copy
    /// (<c>appsettings.example.json</c>, <c>.sample.</c>, <c>.template.</c>, <c>.tpl.</c>, <c>.dist.</c>,
    /// <c>.default.</c>; the real <c>appsettings.json</c> git-ignored) is loaded by nothing unless the code names it in
    /// <c>AddJsonFile</c>. Its values are still read (a model id in it is what users copy), but its keys never count as
    /// "the settings set the key": a default the code sends is not overridden by it (<see cref="LoadedByApp"/>).
    /// </summary>
    internal static class SettingsFiles
    {
        // The words of a file name that make it a template, as public repositories name them; an environment is
        // seldom called so, and a file the code loads by name is loaded whatever it is called.
        private static readonly string[] TemplateWords = { "example", "sample", "template", "tpl", "dist", "default" };

        private static readonly char[] WordSeparators = { '.', '-', '_' };

        // The file names (without folder) the code passes to AddJsonFile, per compilation; looked for only when a
        // template is among the files.
        private static readonly ConditionalWeakTable<Compilation, HashSet<string>> CodeLoadedNames = new ConditionalWeakTable<Compilation, HashSet<string>>();

        /// <summary>Whether <paramref name="path"/> names an <c>appsettings*.json</c> file, template or not: one whose values are read.</summary>
        public static bool IsSettingsFile(string? path)
        {
            var name = path == null ? null : System.IO.Path.GetFileName(path);
            return name != null
                && name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Whether the settings file is a template: a word of its name between <c>appsettings</c> and <c>.json</c>
        /// (<c>appsettings.example.json</c>, <c>appsettings.Development.sample.json</c>, <c>appsettings-template.json</c>)
        /// is one repositories use for a file to copy.
        /// </summary>
        public static bool IsTemplate(string? path)
        {
            if (!IsSettingsFile(path))
            {
                return false;
            }

            var name = System.IO.Path.GetFileName(path)!;
            var middle = name.Substring("appsettings".Length, name.Length - "appsettings".Length - ".json".Length);
            foreach (var word in middle.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var template in TemplateWords)
                {
                    if (string.Equals(word, template, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The settings files whose keys the running app gets: every one but a template, and a template the code loads by
        /// name (<c>.AddJsonFile("appsettings.example.json")</c>, a folder before the name allowed). Without a compilation
        /// (nothing to tell what the code loads), no template.
        /// </summary>
        public static ImmutableArray<AdditionalText> LoadedByApp(ImmutableArray<AdditionalText> files, Compilation? compilation, CancellationToken cancellationToken)
        {
            var loaded = ImmutableArray.CreateBuilder<AdditionalText>(files.Length);
            foreach (var file in files)
            {
                if (IsSettingsFile(file.Path)
                    && (!IsTemplate(file.Path) || (compilation != null && LoadedByName(compilation, System.IO.Path.GetFileName(file.Path), cancellationToken))))
                {
                    loaded.Add(file);
                }
            }

            return loaded.ToImmutable();
        }

        private static bool LoadedByName(Compilation compilation, string name, CancellationToken cancellationToken)
        {
            if (!CodeLoadedNames.TryGetValue(compilation, out var names))
            {
                names = CodeLoadedNames.GetValue(compilation, c => NamesLoaded(c, cancellationToken));
            }

            return names.Contains(name);
        }

        // The file names in string literals of the arguments of every AddJsonFile call of Microsoft.Extensions.Configuration
        // (the path itself, or a part of Path.Combine). Only files that spell the method are parsed for it; a literal
        // still being typed counts for nothing.
        private static HashSet<string> NamesLoaded(Compilation compilation, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf("AddJsonFile", StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var called = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    if (called != "AddJsonFile")
                    {
                        continue;
                    }

                    model ??= LlmCalls.SourceBodies.GetSemanticModel(compilation, tree);
                    var info = model.GetSymbolInfo(invocation, cancellationToken);
                    var method = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
                    if (method?.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.Configuration")
                    {
                        continue;
                    }

                    foreach (var literal in invocation.ArgumentList.DescendantNodes().OfType<LiteralExpressionSyntax>())
                    {
                        if (literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.ContainsDiagnostics
                            && literal.Token.ValueText.Replace('\\', '/') is { Length: > 0 } path)
                        {
                            names.Add(path.Substring(path.LastIndexOf('/') + 1));
                        }
                    }
                }
            }

            return names;
        }
    }
}
