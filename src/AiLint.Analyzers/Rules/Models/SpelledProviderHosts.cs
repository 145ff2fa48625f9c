using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The providers whose API host the project spells as an http(s) URL, in a value of an <c>appsettings*.json</c> file
    /// (<c>"BaseUrl": "https://api.anthropic.com/v1/"</c>) or in a C# string literal (<c>new Uri("https://api.anthropic.com/v1/")</c>
    /// as an OpenAI client's endpoint, an interpolated URL's text): <c>api.openai.com</c> (or a regional
    /// <c>*.api.openai.com</c>), <c>api.anthropic.com</c>, <c>generativelanguage.googleapis.com</c>. For
    /// <see cref="SettingsProviders"/>, once per compilation and only when some provider is not reached otherwise.
    /// </summary>
    /// <remarks>
    /// The source is searched as text for the host names; only where one occurs is the token at that position looked at,
    /// so a comment or an identifier never counts and no syntax tree is walked.
    /// </remarks>
    internal static class SpelledProviderHosts
    {
        private static readonly (string Host, string Provider)[] Hosts =
        {
            ("api.openai.com", RawHttpModelIds.OpenAIProvider),
            ("api.anthropic.com", RawHttpModelIds.AnthropicProvider),
            ("generativelanguage.googleapis.com", RawHttpModelIds.GeminiProvider),
        };

        private static readonly char[] HostEnd = { '/', ':', '?', '#', '"', '\'', ' ', ';', ',' };

        /// <summary>Adds to <paramref name="reached"/> the provider of every host the settings files or the source spell.</summary>
        public static void AddTo(Compilation compilation, ImmutableArray<AdditionalText> files, HashSet<string> reached, CancellationToken cancellationToken)
        {
            foreach (var entry in ConfigurationModelIds.StringValues(files, cancellationToken))
            {
                foreach (var value in entry.Value)
                {
                    AddProvidersOf(value, reached);
                }
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken).ToString();
                foreach (var (host, provider) in Hosts)
                {
                    if (reached.Contains(provider))
                    {
                        continue;
                    }

                    for (var at = text.IndexOf(host, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(host, at + host.Length, StringComparison.OrdinalIgnoreCase))
                    {
                        if (LiteralText(tree.GetRoot(cancellationToken).FindToken(at), at) is { } literal && ProviderOf(literal) == provider)
                        {
                            reached.Add(provider);
                            break;
                        }
                    }
                }
            }
        }

        // The text of the string literal (or interpolated string's text part) whose value holds the position, else null.
        private static string? LiteralText(SyntaxToken token, int position)
        {
            if (!token.Span.Contains(position) || token.ContainsDiagnostics)
            {
                return null; // trivia (a comment, a disabled region), or a literal still being typed
            }

            return token.Kind() switch
            {
                SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken
                    or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.InterpolatedStringTextToken => token.ValueText,
                _ => null,
            };
        }

        private static void AddProvidersOf(string value, HashSet<string> reached)
        {
            if (ProviderOf(value) is { } provider)
            {
                reached.Add(provider);
            }
        }

        /// <summary>The provider whose API host <paramref name="text"/> names right after an <c>http://</c> or <c>https://</c>, else null.</summary>
        internal static string? ProviderOf(string text)
        {
            for (var scheme = text.IndexOf("://", StringComparison.Ordinal); scheme >= 0; scheme = text.IndexOf("://", scheme + 3, StringComparison.Ordinal))
            {
                var before = text.Substring(0, scheme);
                if (!before.EndsWith("http", StringComparison.OrdinalIgnoreCase) && !before.EndsWith("https", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var start = scheme + 3;
                var end = text.IndexOfAny(HostEnd, start);
                var name = text.Substring(start, (end < 0 ? text.Length : end) - start);
                foreach (var (host, provider) in Hosts)
                {
                    if (name.Equals(host, StringComparison.OrdinalIgnoreCase)
                        || (provider == RawHttpModelIds.OpenAIProvider && name.EndsWith("." + host, StringComparison.OrdinalIgnoreCase)))
                    {
                        return provider;
                    }
                }
            }

            return null;
        }
    }
}
