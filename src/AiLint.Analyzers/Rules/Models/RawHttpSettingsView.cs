using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What a project's raw LLM POSTs (the ones <see cref="RawHttpModelIds"/> checks, recognised the same way) say about
    /// the providers whose model ids its <c>appsettings*.json</c> files name, for <see cref="SettingsProviders"/>: each
    /// decides as it decides its own body's (<see cref="RawHttpModelIds.CheckRequest"/>). A POST to OpenAI's host reaches
    /// OpenAI; one to Anthropic's or Gemini's own API reaches that provider; one to another OpenAI-compatible host, or to a
    /// host the code does not spell, reaches a gateway that forwards Anthropic's and Gemini's ids (and may keep "gpt-4" as
    /// its own alias); a POST to Ollama's <c>/api/*</c>, to Azure OpenAI (deployment names) or to Vertex AI says the files
    /// may hold any name.
    /// </summary>
    /// <remarks>
    /// Read once per compilation: the cached source-text test (<see cref="LlmEndpoints.MayAppearInSource"/>) first, then
    /// only the invocations named like a send in the files that spell such a name are bound
    /// (<see cref="SourceBodies.InvocationsNamed"/>). The answer is per project, not per key: which key's value a POST sends
    /// is not followed.
    /// </remarks>
    internal static class RawHttpSettingsView
    {
        /// <summary>The providers the project's raw POSTs reach (<see cref="RawPosts.None"/> without any), or null when one of them makes the files unreadable.</summary>
        public static RawPosts? Posts(Compilation compilation, RawHttpModelIds rawHttp, CancellationToken cancellationToken)
        {
            if (!LlmEndpoints.MayAppearInSource(compilation, RawHttpBaseAddresses.SettingsFiles(compilation)))
            {
                return RawPosts.None;
            }

            var posts = RawPosts.None;
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, RawHttpLlmCalls.HttpClientSendNames, cancellationToken))
            {
                if (!rawHttp.IsCandidate(invocation) || rawHttp.RecognizedUrlText(invocation, cancellationToken) is not { } url)
                {
                    continue;
                }

                switch (LlmEndpoints.ApiOf(url))
                {
                    case EndpointApi.OpenAICompatible when rawHttp.GoesToOpenAI(invocation, url, compilation, cancellationToken):
                        posts |= RawPosts.OpenAIHost;
                        break;
                    case EndpointApi.OpenAICompatible:
                        posts |= RawPosts.OtherHost;
                        break;
                    case EndpointApi.Anthropic:
                        posts |= RawPosts.Anthropic;
                        break;
                    case EndpointApi.Gemini when !RawHttpModelIds.IsVertexAI(url):
                        posts |= RawPosts.Gemini;
                        break;
                    default:
                        // Ollama's local names, Azure deployment names, Vertex AI's own schedule: the files may hold any of them.
                        return null;
                }
            }

            return posts;
        }
    }

    /// <summary>Where a project's raw LLM POSTs go (<see cref="RawHttpSettingsView.Posts"/>).</summary>
    [System.Flags]
    internal enum RawPosts
    {
        None = 0,

        /// <summary>OpenAI's own host.</summary>
        OpenAIHost = 1,

        /// <summary>Another OpenAI-compatible host, or one the code does not spell.</summary>
        OtherHost = 2,

        /// <summary>Anthropic's Messages API.</summary>
        Anthropic = 4,

        /// <summary>Gemini's own API (not Vertex AI).</summary>
        Gemini = 8,
    }
}
