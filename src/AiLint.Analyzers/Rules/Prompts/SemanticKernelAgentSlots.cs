using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The instruction slot of Semantic Kernel's agents: <c>new ChatCompletionAgent { Name = "...", Instructions = "You
    /// are ...", Kernel = kernel }</c>, and the same property on <c>OpenAIAssistantAgent</c>, <c>AzureAIAgent</c> or any
    /// other <c>KernelAgent</c> subtype, since <c>Instructions</c> is declared once, on
    /// <c>Microsoft.SemanticKernel.Agents.KernelAgent</c> (package Microsoft.SemanticKernel.Agents.Abstractions), and
    /// the agents put it first in the history as the system message. Matched by that property's symbol, never by the
    /// name <c>Instructions</c>: an app's own agent class with such a property is not a slot. <c>Name</c> and
    /// <c>Description</c> (declared on <c>Agent</c>) are not prompts. Kept apart from <see cref="KnownPromptSymbols"/>'
    /// own properties because the Agents packages are not in the default test references: the SDK-name meta-test for
    /// these names runs against a stand-in of the package's public signatures (tests/AiLint.Tests/Prompts/SemanticKernelAgentSlotTests.cs).
    /// </summary>
    internal sealed class SemanticKernelAgentSlots
    {
        public SemanticKernelAgentSlots(Compilation compilation)
        {
            KernelAgent = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.KernelAgent");
            KernelAgentInstructions = KernelAgent?.GetMembers("Instructions").OfType<IPropertySymbol>()
                .FirstOrDefault(property => property.Type.SpecialType == SpecialType.System_String);
        }

        /// <summary>The base class of Semantic Kernel's agents that run on a kernel (ChatCompletionAgent, OpenAIAssistantAgent, AzureAIAgent ...).</summary>
        public INamedTypeSymbol? KernelAgent { get; }

        /// <summary><c>public string? Instructions { get; init; }</c> of <see cref="KernelAgent"/>.</summary>
        public IPropertySymbol? KernelAgentInstructions { get; }

        public bool HasAnySlot => KernelAgentInstructions != null;

        /// <summary>Whether <paramref name="property"/> is KernelAgent.Instructions, read or written through any subtype.</summary>
        public bool IsInstructions(IPropertySymbol property) =>
            KernelAgentInstructions != null && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, KernelAgentInstructions);
    }
}
