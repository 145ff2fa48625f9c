using System;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// OpenAI endpoints whose request body names a model the table can retire but that are not generation calls:
    /// <c>/v1/images/generations</c>, <c>/v1/images/edits</c>, <c>/v1/images/variations</c> (dall-e-2 and dall-e-3, shut
    /// down 2026-05-12) and <c>/v1/moderations</c> (the text-moderation ids). A notion of the model rules only:
    /// <see cref="LlmEndpoints.Classify"/> does not know these paths, so AIL0001, the Retry and the Prompts rules do not
    /// count such a POST as an LLM call (an image prompt is no chat prompt slot). Review90 #28, AMMarkin/KidAIAssistant:
    /// <c>DalleRequestModel { Model = "dall-e-2" }</c> sent in <c>JsonContent</c> to api.openai.com/v1/images/generations.
    /// </summary>
    /// <remarks>
    /// Read only where the request visibly goes to OpenAI: the URL spells api.openai.com, or a relative one is posted by a
    /// client whose every base address is OpenAI's (<see cref="RawHttpBaseAddresses"/>). A gateway or an app's own API with
    /// the same path shape may keep "dall-e-2" as a name of its own, and these paths are too plain to stand for OpenAI
    /// alone. Embeddings and audio are not read: the table has no rows for their models. A body a project helper posts
    /// (<see cref="HelperPostedBodies"/>) is not followed here (a miss, not a report).
    /// </remarks>
    internal sealed partial class RawHttpModelIds
    {
        private static readonly string[] ModelBearingPaths = { "images/generations", "images/edits", "images/variations", "moderations" };

        /// <summary>
        /// The body of a direct <c>HttpClient</c> POST (or a send of a POST request message) to one of OpenAI's
        /// model-bearing endpoints (<see cref="ModelBearingPaths"/>) at OpenAI's host, or null.
        /// </summary>
        private IOperation? ModelBearingBody(IInvocationOperation invocation, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!calls.IsHttpClientMember(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod)
                || calls.UrlOperand(invocation, cancellationToken) is not { } operand
                || calls.UrlText(operand, cancellationToken) is not { } url
                || !IsModelBearingPath(url)
                || !GoesToOpenAI(invocation, url, compilation, cancellationToken))
            {
                return null;
            }

            return calls.BodyOperand(invocation, cancellationToken);
        }

        /// <summary>
        /// Whether the path of <paramref name="url"/> (query cut) ends with one of <see cref="ModelBearingPaths"/> right after
        /// <c>v1/</c>, or is that path alone (relative to a base address ending in <c>/v1/</c>). A hole in the host is left to
        /// <see cref="GoesToOpenAI"/>, which then sees no OpenAI host.
        /// </summary>
        internal static bool IsModelBearingPath(string url)
        {
            var path = LlmEndpoints.PathOf(url);
            foreach (var candidate in ModelBearingPaths)
            {
                if (path.EndsWith("/v1/" + candidate, StringComparison.Ordinal)
                    || path == candidate || path == "/" + candidate || path == "v1/" + candidate)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
