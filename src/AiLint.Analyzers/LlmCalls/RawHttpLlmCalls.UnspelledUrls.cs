using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Two URLs the POST does not spell, read where the code does spell them (review76):
    /// <list type="bullet">
    /// <item>an empty relative URI (<c>PostAsJsonAsync("", request)</c>, <c>(string?)null</c>, <c>string.Empty</c>) goes to
    /// the client's base address itself; when every base address the client can have
    /// (<see cref="RawHttpBaseAddresses.EndpointTextOf"/>) reads, as a URL at the POST would, as the same generation
    /// endpoint, that is the URL (PawelKowal/complainator: <c>BaseAddress = new Uri(_settings.EndpointUrl)</c>, the
    /// setting defaulting to <c>https://openrouter.ai/api/v1/chat/completions</c>). A base address that is only a host
    /// (<c>https://openrouter.ai/</c>), one the code does not show, or a non-LLM endpoint leaves the POST unrecognised;</item>
    /// <item>a configuration read (<c>_configuration["Claude:ApiUrl"]</c>) whose key the project's settings files set to one
    /// LLM endpoint and to no other value (<see cref="RawHttpBaseAddresses.SoleSettingText"/>; Luc1290/RootBackend's
    /// <c>"ApiUrl": "https://api.anthropic.com/v1/messages"</c>). A key the files do not set, set to two values, set to a
    /// non-LLM URL, or named by a variable stays unknown, as before.</item>
    /// </list>
    /// </summary>
    internal sealed partial class RawHttpLlmCalls
    {
        /// <summary>
        /// The base address's endpoint when <paramref name="operand"/> is an empty relative URI and the base address is a
        /// generation endpoint (a generic one with corroboration, as a URL at the POST needs); null otherwise.
        /// </summary>
        private (IOperation Operand, string Text)? WholeBaseAddress(IInvocationOperation invocation, IOperation operand, CancellationToken cancellationToken)
        {
            if (!IsEmptyRelativeUri(operand))
            {
                return null;
            }

            // A helper's send: the client whose base address counts is the helper's.
            var post = HelperSend(invocation, cancellationToken)?.Send ?? invocation;
            if (RawHttpBaseAddresses.EndpointTextOf(post, compilation, source => UrlText(source, cancellationToken) ?? WrittenUrlFields.Text(this, source, cancellationToken), cancellationToken) is not { } url)
            {
                return null;
            }

            return LlmEndpoints.Classify(url) switch
            {
                EndpointKind.Generation => (operand, url),
                EndpointKind.GenericGeneration when evidence.Corroborates(invocation, BodyOperand(invocation, cancellationToken), operand, url, cancellationToken) => (operand, url),
                _ => null,
            };
        }

        /// <summary><c>""</c>, <c>null</c> or <c>string.Empty</c>: a request URI that leaves the base address as it is.</summary>
        private static bool IsEmptyRelativeUri(IOperation operand)
        {
            var value = OperationValues.Unwrap(operand);
            return value.ConstantValue is { HasValue: true, Value: null or "" }
                || value is IFieldReferenceOperation { Field: { Name: nameof(string.Empty), IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } };
        }

        /// <summary>
        /// The one LLM endpoint the settings files give the configuration key <paramref name="operation"/> reads, or null
        /// (then the read stays a part the code does not spell).
        /// </summary>
        private string? ConfiguredUrlText(IOperation operation, CancellationToken cancellationToken) =>
            RawHttpBaseAddresses.SoleSettingText(operation, compilation, cancellationToken) is { } text && LlmEndpoints.Classify(text) != EndpointKind.None
                ? text
                : null;
    }
}
