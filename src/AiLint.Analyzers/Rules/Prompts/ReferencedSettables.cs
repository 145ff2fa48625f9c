using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Settable string properties of a class declared in a referenced project: the layered app's own message DTO
    /// (<c>public class ChatMessageDto { public string Role { get; set; } public string Content { get; set; } }</c> in
    /// Contracts or Shared), filled by the app with an object initializer (<c>new ChatMessageDto { Role = "system", Content
    /// = SystemPrompt }</c>) and mapped to the SDK's message there (<c>"system" =&gt;
    /// ChatMessage.CreateSystemMessage(message.Content)</c>). The property has no syntax here, so, as for a settable
    /// property declared in the project, what this compilation assigns to it is what it holds: <see cref="CallSiteIndex"/>
    /// records the assignments, <see cref="PromptFlow"/> follows a read of the property at a slot to them. The twin of
    /// <see cref="ReferencedRecords"/> for positional records.
    /// </summary>
    /// <remarks>
    /// Only what the metadata can promise is taken: a non-static, non-virtual instance property (a subclass cannot replace
    /// what the setter stores) with a public getter and a public <c>set</c> or <c>init</c>, on a class or record class.
    /// Whether the setter only stores the value cannot be read from a reference assembly; a property that transforms what
    /// it is given is the assumption's one miss. Assignments made in the referenced project itself are not seen.
    /// </remarks>
    internal static class ReferencedSettables
    {
        /// <summary>
        /// Whether <paramref name="property"/> is a settable string property of a class from a referenced assembly whose
        /// value is what the code assigns to it (a positional record's property is <see cref="ReferencedRecords"/>' reading).
        /// </summary>
        public static bool IsSettable(IPropertySymbol property, IAssemblySymbol compilationAssembly) =>
            !property.IsStatic
            && !property.IsIndexer
            && !property.IsVirtual
            && !property.IsAbstract
            && !property.IsOverride
            && property.Type.SpecialType == SpecialType.System_String
            && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
            && property.SetMethod is { DeclaredAccessibility: Accessibility.Public }
            && property.ContainingType is { TypeKind: TypeKind.Class }
            && !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilationAssembly)
            && ReferencedRecords.PositionalParameter(property) == null;
    }
}
