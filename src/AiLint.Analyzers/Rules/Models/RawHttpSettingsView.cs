using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The model ids that count in the <c>appsettings*.json</c> files (<see cref="ConfigurationModelIds"/>) of a project
    /// that references no LLM SDK but posts to a provider's generation endpoint over plain <c>HttpClient</c>: such an app
    /// calls a model as surely as one with an SDK, and its model keys are the ids it sends. The project's raw LLM POSTs
    /// (the ones <see cref="RawHttpModelIds"/> checks, recognised the same way) decide the view, as each decides its own
    /// body's (<see cref="RawHttpModelIds.CheckRequest"/>): an OpenAI id counts only when no POST goes to another host, or
    /// to a host the code does not spell (an OpenAI-compatible server may keep "gpt-4" as its own alias); at Anthropic's
    /// or Gemini's own API only that provider's ids count; a POST to Ollama's <c>/api/*</c>, to Azure OpenAI (deployment
    /// names) or to Vertex AI leaves the files unread. No recognised POST: no LLM app, nothing is read (a key named
    /// <c>Model</c> may label anything).
    /// </summary>
    /// <remarks>
    /// Decided once per compilation on the first settings file: the cached source-text test
    /// (<see cref="LlmEndpoints.MayAppearInSource"/>) first, then only the invocations named like a send in the files
    /// that spell such a name are bound (<see cref="SourceBodies.InvocationsNamed"/>). The test is per project, not per key:
    /// which key's value a POST sends is not followed, so one POST to another server quiets every OpenAI id of the files
    /// (a miss costs less than a failed build).
    /// </remarks>
    internal static class RawHttpSettingsView
    {
        /// <summary>The view of <paramref name="table"/> whose ids the project's settings files are checked against, or null to read none.</summary>
        public static ModelTable? For(Compilation compilation, RawHttpModelIds rawHttp, ModelTable table, CancellationToken cancellationToken)
        {
            if (!LlmEndpoints.MayAppearInSource(compilation, RawHttpBaseAddresses.SettingsFiles(compilation)))
            {
                return null;
            }

            bool openAIHost = false, otherHost = false, anthropic = false, gemini = false;
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, RawHttpLlmCalls.HttpClientSendNames, cancellationToken))
            {
                if (!rawHttp.IsCandidate(invocation) || rawHttp.RecognizedUrlText(invocation, cancellationToken) is not { } url)
                {
                    continue;
                }

                switch (LlmEndpoints.ApiOf(url))
                {
                    case EndpointApi.OpenAICompatible when rawHttp.GoesToOpenAI(invocation, url, compilation, cancellationToken):
                        openAIHost = true;
                        break;
                    case EndpointApi.OpenAICompatible:
                        otherHost = true;
                        break;
                    case EndpointApi.Anthropic:
                        anthropic = true;
                        break;
                    case EndpointApi.Gemini when !RawHttpModelIds.IsVertexAI(url):
                        gemini = true;
                        break;
                    default:
                        // Ollama's local names, Azure deployment names, Vertex AI's own schedule: the files may hold any of them.
                        return null;
                }
            }

            if (otherHost || (anthropic && gemini && !openAIHost))
            {
                return table.WithoutProvider(RawHttpModelIds.OpenAIProvider);
            }

            if (openAIHost)
            {
                return table;
            }

            return anthropic ? table.OfProvider(RawHttpModelIds.AnthropicProvider) : gemini ? table.OfProvider(RawHttpModelIds.GeminiProvider) : null;
        }
    }
}
