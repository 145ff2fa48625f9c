using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The one decision, per compilation, of whose model ids count in the project's <c>appsettings*.json</c> files
    /// (<see cref="ConfigurationModelIds"/>): an id counts only for a provider the project can reach. A settings file
    /// keeps a section for every provider an app may one day support (featbit/featbit-mcp's
    /// <c>"Anthropic": { "Model": "claude-3-5-sonnet-20241022" }</c> beside the OpenAI section its code reads, in a
    /// project whose Anthropic provider is "not yet implemented"): a retired id there fails no request.
    /// A provider is reached through
    /// <list type="bullet">
    /// <item>an SDK among the compilation's references (a project reference's packages are among them): OpenAI's (which
    /// Azure.AI.OpenAI 2.x, Semantic Kernel's and Microsoft.Extensions.AI's OpenAI connectors build on), Betalgo's or
    /// OpenAI_API for OpenAI, Anthropic's for Anthropic (its Microsoft.Extensions.AI adapter is in the same assembly);</item>
    /// <item>the project's raw POSTs (<see cref="RawHttpSettingsView"/>): to that provider's API, or, for Anthropic and
    /// Gemini, to a gateway on another host that forwards their ids;</item>
    /// <item>that provider's endpoint spelled as an http(s) URL in a settings value or in a C# string literal
    /// (<c>"BaseUrl": "https://api.anthropic.com/v1/"</c>, an OpenAI client pointed at Anthropic's compatible API).</item>
    /// </list>
    /// A project without an SDK reads its files only when it posts to a provider itself (a key named <c>Model</c> may label
    /// anything elsewhere), none when one POST goes to Ollama, Azure OpenAI or Vertex AI, and never counts OpenAI's ids
    /// when one POST goes to another OpenAI-compatible server (which may keep "gpt-4" as its own alias). The
    /// Azure.AI.OpenAI 1.0 beta alone reads none. Rows of providers AiLint knows nothing of (a user's
    /// <c>*.ailint-models.json</c>) are kept whenever the files are read.
    /// </summary>
    internal static class SettingsProviders
    {
        private const string OpenAI = RawHttpModelIds.OpenAIProvider;
        private const string Anthropic = RawHttpModelIds.AnthropicProvider;
        private const string Gemini = RawHttpModelIds.GeminiProvider;

        private static readonly string[] Known = { OpenAI, Anthropic, Gemini };

        /// <summary>The view of <paramref name="table"/> the project's settings files are checked against, or null to read none.</summary>
        public static ModelTable? ViewFor(Compilation compilation, KnownModelSymbols symbols, RawHttpModelIds? rawHttp, ModelTable table, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var hasSdk = symbols.HasAnySdk;
            if (!hasSdk && (symbols.OlderSdks.AzureBeta.Client != null || rawHttp == null))
            {
                return null;
            }

            var reached = new HashSet<string>(StringComparer.Ordinal);
            if (hasSdk)
            {
                AddSdkProviders(symbols, reached);
            }

            // Only the providers whose ids the files name need a reach looked for (no scan in a file of OpenAI ids only).
            var named = ConfigurationModelIds.ProvidersNamed(files, table, cancellationToken);
            bool Unsettled() => Array.Exists(Known, provider => named.Contains(provider) && !reached.Contains(provider));

            var openAIBlocked = false;
            if ((!hasSdk || Unsettled()) && rawHttp != null)
            {
                var posts = RawHttpSettingsView.Posts(compilation, rawHttp, cancellationToken);
                if (!hasSdk && posts is null or RawPosts.None)
                {
                    // No LLM POST (a "Model" key may label a car), or one whose server keeps names of its own.
                    return null;
                }

                if (posts is { } reachedByPosts)
                {
                    AddPostedProviders(reachedByPosts, reached);
                    openAIBlocked = !hasSdk && (reachedByPosts & RawPosts.OtherHost) != 0;
                }
            }

            if (Unsettled())
            {
                SpelledProviderHosts.AddTo(compilation, files, reached, cancellationToken);
            }

            if (openAIBlocked)
            {
                reached.Remove(OpenAI);
            }

            var unreached = new List<string>();
            foreach (var provider in Known)
            {
                if (!reached.Contains(provider))
                {
                    unreached.Add(provider);
                }
            }

            return unreached.Count == 0 ? table : table.WithoutProviders(unreached);
        }

        // The SDKs the compilation references, by the types the model rules already resolve.
        private static void AddSdkProviders(KnownModelSymbols symbols, HashSet<string> reached)
        {
            if (symbols.OpenAIClient != null || symbols.OpenAIChatCompletionOptions != null || symbols.OlderSdks.HasAny)
            {
                reached.Add(OpenAI);
            }

            if (symbols.HasAnthropicClient)
            {
                reached.Add(Anthropic);
            }
        }

        private static void AddPostedProviders(RawPosts posts, HashSet<string> reached)
        {
            if ((posts & RawPosts.OpenAIHost) != 0)
            {
                reached.Add(OpenAI);
            }

            // A gateway on another host forwards another provider's id to that provider (as at the body, RawHttpModelIds).
            if ((posts & (RawPosts.Anthropic | RawPosts.OtherHost)) != 0)
            {
                reached.Add(Anthropic);
            }

            if ((posts & (RawPosts.Gemini | RawPosts.OtherHost)) != 0)
            {
                reached.Add(Gemini);
            }
        }
    }
}
