using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The constant end of a file path the code builds: <c>"system_message.txt"</c>,
    /// <c>Path.Combine(AppContext.BaseDirectory, "Prompts", "summarize.txt")</c>,
    /// <c>AppContext.BaseDirectory + "Prompts/summarize.txt"</c>, <c>$"{root}/Prompts/summarize.txt"</c>: the folder and
    /// file names spelled after the last part computed at run time, which is all a build can know of the file read.
    /// </summary>
    internal static class ConstantFilePaths
    {
        /// <summary>
        /// The constant trailing segments of <paramref name="path"/> (at least the file name), or null when its end is
        /// not spelled. <paramref name="pathCombine"/> is <c>System.IO.Path</c> (its <c>Combine</c> overloads).
        /// </summary>
        public static string[]? TrailingSegments(IOperation path, INamedTypeSymbol? pathCombine) => TrailingSegments(path, pathCombine, null);

        /// <summary>
        /// The constant trailing segments of a path a helper builds from its parameters
        /// (<c>Path.Combine(AppContext.BaseDirectory, "Templates", name)</c> in <c>LoadPrompt(string name)</c>), each
        /// parameter read as the constant text <paramref name="arguments"/> gives it at one call
        /// (<see cref="NamedPromptFileReads"/>, helper reads).
        /// </summary>
        public static string[]? TrailingSegments(IOperation path, INamedTypeSymbol? pathCombine, IReadOnlyDictionary<IParameterSymbol, string>? arguments)
        {
            var text = TrailingText(KnownPromptSymbols.Unwrap(path), pathCombine, arguments, out _);
            if (text == null)
            {
                return null;
            }

            var segments = new List<string>();
            foreach (var segment in text.Split('/', '\\'))
            {
                // "./system_message.txt" names the same file as "system_message.txt".
                if (segment.Length > 0 && segment != ".")
                {
                    segments.Add(segment);
                }
            }

            // A path that ends with a separator names a folder, not a file.
            return segments.Count > 0 && !text.EndsWith("/", StringComparison.Ordinal) && !text.EndsWith("\\", StringComparison.Ordinal)
                ? segments.ToArray()
                : null;
        }

        /// <summary>
        /// Whether the spelled end of a path and a file's path relative to the project name the same file: one is a
        /// suffix of the other, segment by segment, ignoring case (<c>summarize.txt</c> and <c>Prompts/summarize.txt</c>;
        /// <c>/app/Prompts/summarize.txt</c>, a container's path, and <c>Prompts/summarize.txt</c>).
        /// </summary>
        public static bool Names(string[] spelled, string[] relative)
        {
            var length = Math.Min(spelled.Length, relative.Length);
            for (var i = 1; i <= length; i++)
            {
                if (!string.Equals(spelled[spelled.Length - i], relative[relative.Length - i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return length > 0;
        }

        /// <summary>The constant text at the end of a path expression; <paramref name="whole"/> when all of it is constant.</summary>
        private static string? TrailingText(IOperation path, INamedTypeSymbol? pathCombine, IReadOnlyDictionary<IParameterSymbol, string>? arguments, out bool whole)
        {
            whole = false;
            if (path.ConstantValue.HasValue)
            {
                whole = true;
                return path.ConstantValue.Value as string;
            }

            if (ArgumentText(path, arguments) is { } argument)
            {
                whole = true;
                return argument;
            }

            switch (path)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    var right = TrailingText(KnownPromptSymbols.Unwrap(concatenation.RightOperand), pathCombine, arguments, out var rightWhole);
                    if (right == null || !rightWhole)
                    {
                        return right;
                    }

                    var left = TrailingText(KnownPromptSymbols.Unwrap(concatenation.LeftOperand), pathCombine, arguments, out whole);
                    return left + right;
                case IInterpolatedStringOperation interpolated:
                    var text = string.Empty;
                    for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                    {
                        var spelled = interpolated.Parts[i] switch
                        {
                            IInterpolatedStringTextOperation part => part.Text.ConstantValue.Value as string,
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => ArgumentText(KnownPromptSymbols.Unwrap(hole.Expression), arguments),
                            _ => null,
                        };
                        if (spelled == null)
                        {
                            return text.Length > 0 ? text : null;
                        }

                        text = spelled + text;
                    }

                    whole = true;
                    return text;
                case IInvocationOperation { TargetMethod: { Name: "Combine" } method } combine
                    when pathCombine != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, pathCombine):
                    return CombinedTail(combine, pathCombine, arguments, out whole);
                default:
                    return null;
            }
        }

        /// <summary><c>Path.Combine(a, "Prompts", "summarize.txt")</c> (or its <c>params</c> array): the constant arguments at the end, joined.</summary>
        private static string? CombinedTail(IInvocationOperation combine, INamedTypeSymbol pathCombine, IReadOnlyDictionary<IParameterSymbol, string>? arguments, out bool whole)
        {
            var parts = new List<IOperation>();
            foreach (var argument in combine.Arguments)
            {
                if (argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    parts.AddRange(initializer.ElementValues);
                }
                else
                {
                    parts.Add(argument.Value);
                }
            }

            whole = false;
            string? tail = null;
            for (var i = parts.Count - 1; i >= 0; i--)
            {
                var part = TrailingText(KnownPromptSymbols.Unwrap(parts[i]), pathCombine, arguments, out var partWhole);
                if (part == null)
                {
                    return tail;
                }

                tail = tail == null ? part : part + "/" + tail;
                if (!partWhole)
                {
                    return tail;
                }
            }

            whole = true;
            return tail;
        }

        /// <summary>The constant text a call gives the helper's parameter that <paramref name="value"/> reads, or null.</summary>
        private static string? ArgumentText(IOperation value, IReadOnlyDictionary<IParameterSymbol, string>? arguments) =>
            arguments != null && value is IParameterReferenceOperation reference && arguments.TryGetValue(reference.Parameter.OriginalDefinition, out var text)
                ? text
                : null;
    }
}
