using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The generation endpoints of the LLM providers' HTTP APIs, recognised from the constant text of a request URL.
    /// Only the path's last segments are read, so any host (a gateway, a proxy, a local server, an OpenAI-compatible
    /// provider) counts; non-constant parts of the URL are holes that match nothing, so the endpoint must be spelled in
    /// the code after the last hole.
    /// </summary>
    internal enum EndpointKind
    {
        None,

        /// <summary>A provider-specific generation endpoint: the URL alone makes the POST a generation request.</summary>
        Generation,

        /// <summary>A generation endpoint whose path ordinary REST APIs also use: a generation request only with corroboration.</summary>
        GenericGeneration,
    }

    /// <summary>Whose API a generation endpoint belongs to (<see cref="LlmEndpoints.ApiOf"/>).</summary>
    internal enum EndpointApi
    {
        /// <summary><c>.../chat/completions</c>, <c>/v1/completions</c>, <c>/v1/responses</c>: OpenAI's or a server that copies it.</summary>
        OpenAICompatible,

        /// <summary><c>/v1/messages</c>.</summary>
        Anthropic,

        /// <summary><c>models/{model}:generateContent</c>: the model is in the path.</summary>
        Gemini,

        /// <summary><c>/api/chat</c>, <c>/api/generate</c>: the model is a local (or Ollama cloud) name.</summary>
        Ollama,

        /// <summary>Azure OpenAI: the model named is a deployment.</summary>
        Azure,
    }

    /// <summary>An LLM provider's API host a client's base address can name (<see cref="LlmEndpoints.HostOf"/>).</summary>
    internal enum LlmHost
    {
        /// <summary>Any other host, or one the text does not spell in full.</summary>
        None,

        /// <summary><c>api.openai.com</c> (or a regional <c>*.api.openai.com</c>).</summary>
        OpenAI,

        /// <summary><c>api.anthropic.com</c>.</summary>
        Anthropic,
    }

    internal static class LlmEndpoints
    {
        /// <summary>Stands for a part of the URL the code does not spell (an interpolation hole, a variable).</summary>
        public const char Hole = '\u0001';

        private static readonly char[] QueryStart = { '?', '#' };

        /// <summary>
        /// Text fragments that every recognised endpoint contains, for the no-SDK early exit; the quoted ones are the
        /// relative paths a client on a provider's base address posts to (<see cref="OnHost"/>).
        /// </summary>
        private static readonly string[] Markers =
        {
            "/completions", "/messages", "enerateContent", "/api/chat", "/api/generate", "/responses",
            "\"responses\"", "\"messages\"", "\"completions\"",
        };

        /// <summary>
        /// The markers a settings value that is a whole endpoint URL contains (every path <see cref="Classify"/> accepts
        /// has one); the quoted relative paths are left out: <c>"messages"</c> is a common JSON key, and a value read from
        /// settings counts only as a whole URL. A URL written with JSON's <c>\/</c> escape is not seen (a miss, not a report).
        /// </summary>
        private static readonly string[] SettingsMarkers =
        {
            "/completions", "/messages", "enerateContent", "/api/chat", "/api/generate", "/responses",
        };

        private static readonly char[] HostEnd = { '/', ':', '?', '#' };

        /// <summary>
        /// How the path of <paramref name="url"/> (holes marked with <see cref="Hole"/>) ends.
        /// <see cref="EndpointKind.Generation"/>: a provider-specific generation endpoint, OpenAI-compatible
        /// <c>.../chat/completions</c> (Azure's <c>/openai/deployments/{name}/chat/completions</c> too), <c>/v1/completions</c>,
        /// <c>/v1/responses</c> and <c>/openai/responses</c>, Gemini <c>...:generateContent</c> and
        /// <c>...:streamGenerateContent</c>. <see cref="EndpointKind.GenericGeneration"/>: Ollama <c>/api/chat</c> and
        /// <c>/api/generate</c> and Anthropic <c>/v1/messages</c>, names that ordinary REST APIs also use (a chat app's own
        /// backend, a report generator, the Vonage Messages API), so a caller counts them only with corroboration
        /// (<see cref="LlmRequestEvidence"/>).
        /// </summary>
        public static EndpointKind Classify(string url)
        {
            var last = LastSegment(PathOf(url), out var beforeLast);

            // Gemini: models/{model}:generateContent (the model may be a hole: the method name follows it).
            var colon = last.LastIndexOf(':');
            if (colon >= 0)
            {
                var verb = last.Substring(colon + 1);
                return verb is "generateContent" or "streamGenerateContent" ? EndpointKind.Generation : EndpointKind.None;
            }

            if (last.IndexOf(Hole) >= 0)
            {
                return EndpointKind.None;
            }

            var previous = LastSegment(beforeLast, out _);
            return (previous, last) switch
            {
                ("chat", "completions") => EndpointKind.Generation,
                ("v1", "completions") => EndpointKind.Generation,
                ("v1", "responses") => EndpointKind.Generation,
                ("openai", "responses") => EndpointKind.Generation,
                ("v1", "messages") => EndpointKind.GenericGeneration,
                ("api", "chat") => EndpointKind.GenericGeneration,
                ("api", "generate") => EndpointKind.GenericGeneration,
                _ => EndpointKind.None,
            };
        }

        /// <summary>
        /// Whose API a generation endpoint (<see cref="Classify"/> not <see cref="EndpointKind.None"/>) belongs to, from the
        /// same path segments: Gemini's <c>...:generateContent</c>, Anthropic's <c>/v1/messages</c>, Ollama's
        /// <c>/api/chat</c> and <c>/api/generate</c>, Azure OpenAI (an <c>.azure.com</c> host, <c>/deployments/{name}/</c>,
        /// <c>/openai/responses</c>, or an <c>/openai/</c> path after a host the code does not spell: the <c>model</c> these take
        /// is a deployment name); every other one is OpenAI's API or a server that copies it.
        /// </summary>
        public static EndpointApi ApiOf(string url)
        {
            // Groq (api.groq.com/openai/v1) and Gemini's compatible API (.../v1beta/openai/) also have an /openai/ segment:
            // it says Azure only where the host is not spelled (`$"{endpoint}/openai/v1/chat/completions"`) or is Azure's.
            var openAISegment = url.IndexOf("/openai/", StringComparison.OrdinalIgnoreCase);
            if (url.IndexOf(".azure.com", StringComparison.OrdinalIgnoreCase) >= 0
                || url.IndexOf("/deployments/", StringComparison.OrdinalIgnoreCase) >= 0
                || url.IndexOf("/openai/responses", StringComparison.OrdinalIgnoreCase) >= 0
                || (openAISegment >= 0 && url.IndexOf("://", 0, openAISegment, StringComparison.Ordinal) < 0))
            {
                return EndpointApi.Azure;
            }

            var path = PathOf(url);
            var last = LastSegment(path, out var beforeLast);
            if (last.IndexOf(':') >= 0)
            {
                return EndpointApi.Gemini;
            }

            return (LastSegment(beforeLast, out _), last) switch
            {
                ("v1", "messages") => EndpointApi.Anthropic,
                ("api", "chat") or ("api", "generate") => EndpointApi.Ollama,
                _ => EndpointApi.OpenAICompatible,
            };
        }

        /// <summary>
        /// The provider host <paramref name="url"/> spells in full after <c>https://</c> or <c>http://</c>, ended by the
        /// path, a port, the query or the text's end (a hole inside or right after it leaves it unknown):
        /// <c>api.openai.com</c> or a regional <c>*.api.openai.com</c>, or <c>api.anthropic.com</c>.
        /// </summary>
        public static LlmHost HostOf(string url)
        {
            var start = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
                : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
                : -1;
            if (start < 0)
            {
                return LlmHost.None;
            }

            var end = url.IndexOfAny(HostEnd, start);
            var host = url.Substring(start, (end < 0 ? url.Length : end) - start);
            if (host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".api.openai.com", StringComparison.OrdinalIgnoreCase))
            {
                return LlmHost.OpenAI;
            }

            return host.Equals("api.anthropic.com", StringComparison.OrdinalIgnoreCase) ? LlmHost.Anthropic : LlmHost.None;
        }

        /// <summary>
        /// A relative URL posted by a client whose base address is on <paramref name="host"/>, as the URL of the provider's
        /// endpoint it names (<c>"responses"</c> on OpenAI's <c>https://api.openai.com/v1/</c> is
        /// <c>https://api.openai.com/v1/responses</c>), or null when it names none of that provider's generation endpoints:
        /// OpenAI's <c>responses</c>, <c>chat/completions</c> and <c>completions</c>, Anthropic's <c>messages</c>, each with or
        /// without a leading <c>v1/</c> (the base address may end at the host or at <c>/v1/</c>). The path must be spelled
        /// in full (no hole before its query).
        /// </summary>
        public static string? OnHost(string relative, LlmHost host)
        {
            var path = PathOf(relative);
            if (host == LlmHost.None || path.IndexOf(Hole) >= 0 || path.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                return null;
            }

            path = path.TrimStart('/');
            if (path.StartsWith("v1/", StringComparison.Ordinal))
            {
                path = path.Substring(3);
            }

            var (root, api) = host == LlmHost.OpenAI
                ? ("https://api.openai.com/v1/", EndpointApi.OpenAICompatible)
                : ("https://api.anthropic.com/v1/", EndpointApi.Anthropic);
            var url = root + path + relative.Substring(PathOf(relative).Length);
            return Classify(url) != EndpointKind.None && ApiOf(url) == api ? url : null;
        }

        /// <summary>Whether <paramref name="relative"/> names a generation endpoint on some provider host (<see cref="OnHost"/>): a cheap test before the client's base address is read.</summary>
        public static bool MayBeOnHost(string relative) =>
            OnHost(relative, LlmHost.OpenAI) is not null || OnHost(relative, LlmHost.Anthropic) is not null;

        /// <summary>The URL without its query, fragment and trailing slashes.</summary>
        internal static string PathOf(string url)
        {
            var end = url.Length;
            var query = url.IndexOfAny(QueryStart);
            if (query >= 0)
            {
                end = query;
            }

            while (end > 0 && url[end - 1] == '/')
            {
                end--;
            }

            return url.Substring(0, end);
        }

        /// <summary>True for Gemini's streaming method, whose answer is a stream whatever the client does with it.</summary>
        public static bool IsStreamingEndpoint(string url) => url.IndexOf(":streamGenerateContent", StringComparison.Ordinal) >= 0;

        private static string LastSegment(string path, out string rest)
        {
            var slash = path.LastIndexOf('/');
            rest = slash < 0 ? string.Empty : path.Substring(0, slash);
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        /// <summary>
        /// True when the compilation's C# source, or one of the <c>appsettings*.json</c> files among
        /// <paramref name="settingsFiles"/>, spells an endpoint marker: without one, no raw HTTP call can be recognised, so a
        /// compilation without SDKs stops at compilation start. A settings file counts because a configuration read can be
        /// the URL (<c>_configuration["Claude:ApiUrl"]</c> with <c>"ApiUrl": "https://api.anthropic.com/v1/messages"</c>,
        /// <see cref="RawHttpLlmCalls"/>; review76 repro-3, a project whose only endpoint is in its settings). The texts
        /// are scanned in chunks, without parsing or binding: the source once per compilation, and a settings file (only
        /// when the source spells no marker) once per file.
        /// </summary>
        /// <remarks>
        /// Pass the files the compilation's raw-HTTP reading was prepared with
        /// (<see cref="RawHttpBaseAddresses.SettingsFiles"/>): the only files a configured URL is read from, so the filter
        /// opens for what the recognition can read. The answer is a function of the arguments alone, so a caller that asks
        /// first cannot hide the files from another: the source half is cached per compilation (it reads no settings file)
        /// and each file's half per file (it reads no source); nothing is cached per compilation that depends on which files
        /// a caller had (the summary generator, which gets none, or a caller asking before the reading is prepared).
        /// </remarks>
        public static bool MayAppearInSource(Compilation compilation, ImmutableArray<AdditionalText> settingsFiles)
        {
            if (SourceScans.GetValue(compilation, c => ScanSource(c) ? Found : NotFound) == Found)
            {
                return true;
            }

            foreach (var file in settingsFiles)
            {
                if (ConfigurationModelIds.IsSettingsFile(file.Path) && SettingsScans.GetValue(file, ScanSettings) == Found)
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ConditionalWeakTable<Compilation, object> SourceScans = new ConditionalWeakTable<Compilation, object>();
        private static readonly ConditionalWeakTable<AdditionalText, object> SettingsScans = new ConditionalWeakTable<AdditionalText, object>();
        private static readonly object Found = new object();
        private static readonly object NotFound = new object();

        private static bool ScanSource(Compilation compilation)
        {
            var buffer = new char[4096];
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (ContainsMarker(tree.GetText(), buffer, Markers))
                {
                    return true;
                }
            }

            return false;
        }

        // Cached per file and shared by every analyzer that asks, so not the first asker's cancellation token (as the
        // settings values of RawHttpBaseAddresses): a settings file is small and read once.
        private static object ScanSettings(AdditionalText file) =>
            file.GetText(CancellationToken.None) is { } text && ContainsMarker(text, new char[4096], SettingsMarkers) ? Found : NotFound;

        private static bool MatchesAt(char[] buffer, int index, string marker)
        {
            for (var j = 1; j < marker.Length; j++)
            {
                if (buffer[index + j] != marker[j])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool ContainsMarker(SourceText text, char[] buffer, string[] markers)
        {
            const int overlap = 16; // longer than every marker
            for (var start = 0; start < text.Length; start += buffer.Length - overlap)
            {
                var count = Math.Min(buffer.Length, text.Length - start);
                text.CopyTo(start, buffer, 0, count);
                for (var i = 0; i < count; i++)
                {
                    var c = buffer[i];
                    if (c != '/' && c != 'e' && c != '"')
                    {
                        continue;
                    }

                    foreach (var marker in markers)
                    {
                        if (marker[0] == c && i + marker.Length <= count && MatchesAt(buffer, i, marker))
                        {
                            return true;
                        }
                    }
                }

                if (start + count >= text.Length)
                {
                    break;
                }
            }

            return false;
        }
    }
}
