using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A <c>const string</c> declared in a referenced assembly and read at a slot of this project: a system prompt kept in
    /// a shared library (<c>public const string Instructions = """You are ...""";</c> in Common) and given to an agent
    /// here (<c>chatClient.AsAIAgent(instructions: Persona.Instructions)</c>). The library has no slot, so it never reports
    /// the constant; this project has the slot and the constant's value (<see cref="IFieldSymbol.ConstantValue"/>, as the
    /// compiler embedded it), so it reports the prompt, as it already did for the same constant inside an interpolation.
    /// </summary>
    /// <remarks>
    /// Only the value is in the metadata, not the declaration that a constant of this project is judged by (its name is
    /// trusted there, a label or model id included), so the value must read as a prompt by itself: the test for text seen
    /// only as a value (<see cref="PromptFiles.InstructsAModel"/>: a persona, an instruction sentence with a contract
    /// keyword, or their reading in another language), as for a settings value or a text file read by name. A label, a
    /// model id, a URL or a template that only passes its variables is not a prompt. A <c>static readonly</c> field or a
    /// property of a referenced assembly has no value in the metadata and is not read. A constant marked <c>[Prompt]</c> is
    /// reported by the project that declares it, against that project's eval files, and is left to it.
    /// </remarks>
    internal static class ReferencedConstants
    {
        /// <summary>The prompt <paramref name="reference"/> reads, or null when it is not a referenced assembly's constant that instructs.</summary>
        public static PromptDeclaration? Of(IFieldReferenceOperation reference, Compilation compilation, KnownPromptSymbols symbols)
        {
            var field = reference.Field.OriginalDefinition;
            if (!field.IsConst
                || field.Type.SpecialType != SpecialType.System_String
                || !(field.ConstantValue is string text)
                || SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly)
                || reference.Syntax.ContainsDiagnostics
                || PromptDeclaration.FindPromptAttribute(field, symbols) != null
                || DataTemplate.OnlyPassesVariables(text)
                || !PromptFiles.InstructsAModel(text))
            {
                return null;
            }

            return PromptDeclaration.Referenced(field, text, reference.Syntax.GetLocation());
        }
    }
}
