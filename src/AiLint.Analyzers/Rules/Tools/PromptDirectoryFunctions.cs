using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// How many functions a Semantic Kernel plugin loaded from a prompt directory holds
    /// (<c>kernel.ImportPluginFromPromptDirectory("Prompts")</c>, <c>builder.Plugins.AddFromPromptDirectory("Plugins/Prompts")</c>),
    /// read from the project's AdditionalFiles. Semantic Kernel (1.x, <c>CreatePluginFromPromptDirectory</c>) makes one
    /// function of every direct subfolder of the directory that holds an <c>skprompt.txt</c>; AiLint's build targets list
    /// every <c>skprompt.txt</c> under the project folder as an AdditionalFile, so the folders are countable when the
    /// directory is written as a constant path the files' paths end with. The path is read when it is a constant
    /// (<c>"Prompts"</c>, <c>"./Plugins/Prompts"</c>, <c>@"Plugins\Prompts"</c>) or a <c>Path.Combine</c> of constants,
    /// optionally after the working or application directory (<c>Directory.GetCurrentDirectory()</c>,
    /// <c>Environment.CurrentDirectory</c>, <c>AppContext.BaseDirectory</c>), since those are where a relative path is
    /// looked up at run time; leading <c>..</c> segments are dropped (<c>"../../../Prompts"</c> from the build output
    /// reaches the project's <c>Prompts</c>). Any other path (from settings, a parameter), a path with no matching
    /// files (outside the project, or the prompt files not listed) keeps the count unknown ("at least").
    /// </summary>
    internal sealed class PromptDirectoryFunctions
    {
        private const string PromptFileName = "skprompt.txt";

        /// <summary>Each directory holding function folders (full path, '/'-separated) with the names of those folders.</summary>
        private readonly Dictionary<string, HashSet<string>> _functionsByDirectory;

        private PromptDirectoryFunctions(Dictionary<string, HashSet<string>> functionsByDirectory)
        {
            _functionsByDirectory = functionsByDirectory;
        }

        /// <summary>The function folders the AdditionalFiles show (<c>&lt;dir&gt;/&lt;Function&gt;/skprompt.txt</c>).</summary>
        public static PromptDirectoryFunctions From(ImmutableArray<AdditionalText> additionalFiles)
        {
            var byDirectory = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in additionalFiles)
            {
                var segments = Segments(file.Path);
                if (segments.Count < 3 || !string.Equals(segments[segments.Count - 1], PromptFileName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var directory = string.Join("/", segments.GetRange(0, segments.Count - 2));
                if (!byDirectory.TryGetValue(directory, out var functions))
                {
                    functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    byDirectory.Add(directory, functions);
                }

                functions.Add(segments[segments.Count - 2]);
            }

            return new PromptDirectoryFunctions(byDirectory);
        }

        /// <summary>Whether the call loads a prompt directory's functions into a kernel or builder (<c>ImportPluginFromPromptDirectory</c>, <c>AddFromPromptDirectory</c>).</summary>
        public static bool IsPromptDirectoryImport(IMethodSymbol method) =>
            method.Name == "ImportPluginFromPromptDirectory" || method.Name == "AddFromPromptDirectory";

        /// <summary>
        /// The functions the import adds: one per function folder of the directory it names, exact when one directory of
        /// the AdditionalFiles matches, the smallest of them as a lower bound when several do; null when the path is not
        /// a readable constant or no directory matches.
        /// </summary>
        public CatalogContent? Count(IInvocationOperation import)
        {
            if (_functionsByDirectory.Count == 0 || DirectoryArgument(import) is not { } path)
            {
                return null;
            }

            var wanted = Segments(path);
            while (wanted.Count > 0 && (wanted[0] == ".." || wanted[0] == "."))
            {
                wanted.RemoveAt(0);
            }

            if (wanted.Count == 0 || wanted.Contains("..") || wanted.Contains("."))
            {
                return null;
            }

            var matches = 0;
            var fewest = int.MaxValue;
            foreach (var entry in _functionsByDirectory)
            {
                if (EndsWith(Segments(entry.Key), wanted))
                {
                    matches++;
                    fewest = Math.Min(fewest, entry.Value.Count);
                }
            }

            return matches == 0
                ? null
                : new CatalogContent(fewest, matches == 1, 0, false, CatalogContent.Empty.Unbounded);
        }

        /// <summary>
        /// Whether <paramref name="import"/> loads the same constant directory under the same plugin name as an import
        /// written before it among <paramref name="registrations"/> (one kernel's): Semantic Kernel refuses a second
        /// plugin of the same name (the collection's <c>Add</c> throws), so the kernel never holds the functions twice.
        /// </summary>
        public static bool RepeatsAnEarlierImport(IInvocationOperation import, IReadOnlyList<IInvocationOperation> registrations)
        {
            if (!IsPromptDirectoryImport(import.TargetMethod) || DirectoryArgument(import) is not { } path)
            {
                return false;
            }

            var name = PluginName(import);
            foreach (var other in registrations)
            {
                if (other != import
                    && other.Syntax.SyntaxTree == import.Syntax.SyntaxTree
                    && other.Syntax.SpanStart < import.Syntax.SpanStart
                    && IsPromptDirectoryImport(other.TargetMethod)
                    && DirectoryArgument(other) is { } otherPath
                    && string.Equals(Normalized(otherPath), Normalized(path), StringComparison.OrdinalIgnoreCase)
                    && string.Equals(PluginName(other), name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The constant plugin name given, "" when none is given (the directory's name is used), null when it is not a constant.</summary>
        private static string? PluginName(IInvocationOperation import)
        {
            foreach (var argument in import.Arguments)
            {
                if (argument.Parameter?.Name == "pluginName")
                {
                    if (argument.ArgumentKind != ArgumentKind.Explicit)
                    {
                        return string.Empty;
                    }

                    var value = TypeIndex.Strip(argument.Value);
                    return value?.ConstantValue is { HasValue: true } constant ? (constant.Value as string ?? string.Empty) : null;
                }
            }

            return string.Empty;
        }

        /// <summary>The path's segments without "." ones, '/'-joined: "./Prompts" and "Prompts" name one directory.</summary>
        private static string Normalized(string path) => string.Join("/", Segments(path).FindAll(segment => segment != "."));

        /// <summary>The directory argument as a path, when it is written with constants (see the class summary).</summary>
        private static string? DirectoryArgument(IInvocationOperation import)
        {
            foreach (var argument in import.Arguments)
            {
                if (argument.Parameter?.Name == "pluginDirectory" && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return ConstantPath(TypeIndex.Strip(argument.Value));
                }
            }

            return null;
        }

        private static string? ConstantPath(IOperation? value)
        {
            if (value?.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            if (value is not IInvocationOperation { TargetMethod: { Name: "Combine", ContainingType: { Name: "Path" } type } } combine
                || type.ContainingNamespace?.ToDisplayString() != "System.IO")
            {
                return null;
            }

            // Path.Combine(a, b), (a, b, c), (a, b, c, d), or the params form, whose parts are an array's elements.
            var parts = new List<IOperation?>();
            foreach (var argument in combine.Arguments)
            {
                if (TypeIndex.Strip(argument.Value) is IArrayCreationOperation { Initializer: { } elements })
                {
                    parts.AddRange(elements.ElementValues);
                }
                else
                {
                    parts.Add(argument.Value);
                }
            }

            var joined = new List<string>();
            for (var i = 0; i < parts.Count; i++)
            {
                var part = TypeIndex.Strip(parts[i]);
                if (part?.ConstantValue is { HasValue: true, Value: string text })
                {
                    joined.Add(text);
                }
                else if (!(i == 0 && IsRunDirectory(part)))
                {
                    return null;
                }
            }

            return joined.Count == 0 ? null : string.Join("/", joined);
        }

        /// <summary><c>Directory.GetCurrentDirectory()</c>, <c>Environment.CurrentDirectory</c>, <c>AppContext.BaseDirectory</c>.</summary>
        private static bool IsRunDirectory(IOperation? value) => value switch
        {
            IInvocationOperation { TargetMethod: { Name: "GetCurrentDirectory", ContainingType.Name: "Directory" } } => true,
            IPropertyReferenceOperation { Property: { Name: "CurrentDirectory", ContainingType.Name: "Environment" } } => true,
            IPropertyReferenceOperation { Property: { Name: "BaseDirectory", ContainingType.Name: "AppContext" } } => true,
            _ => false,
        };

        private static bool EndsWith(List<string> path, List<string> suffix)
        {
            if (suffix.Count > path.Count)
            {
                return false;
            }

            for (var i = 1; i <= suffix.Count; i++)
            {
                if (!string.Equals(path[path.Count - i], suffix[suffix.Count - i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The path's non-empty segments, '\' and '/' both separators.</summary>
        private static List<string> Segments(string path)
        {
            var segments = new List<string>();
            foreach (var segment in path.Split('/', '\\'))
            {
                if (segment.Length > 0)
                {
                    segments.Add(segment);
                }
            }

            return segments;
        }
    }
}
