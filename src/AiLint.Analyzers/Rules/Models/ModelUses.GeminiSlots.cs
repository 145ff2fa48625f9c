using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A slot of the OpenAI SDK or Semantic Kernel's OpenAI connector that sends the id to Gemini's OpenAI-compatible
    /// endpoint (<see cref="OtherEndpoints.SendsToGemini"/>) is checked against the Gemini rows only: Gemini retires its
    /// ids on its own dates, and an OpenAI id sent there is Gemini's to answer, not an OpenAI alias to pin.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private bool SentToGemini(IOperation owner, CancellationToken cancellationToken) =>
            !AzureDeployments.TakesDeployment(owner, symbols, cancellationToken)
            && OtherEndpoints.SendsToGemini(owner, symbols, cancellationToken);

        private void CheckGeminiSlot(IOperation value, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            slot = value;
            CheckModelIdIn(table.OfProvider(RawHttpModelIds.GeminiProvider), value, ReportAtSlot(report), cancellationToken);
        }
    }
}
