using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Positional records declared in a referenced project (review92 repro-1, DocumentIntelligence.AI): clean
    /// architecture keeps the app's message record and its role enum (<c>record AiMessage(AiRole Role, string
    /// Content)</c>) in Application/Contracts, while Infrastructure maps it to the SDK's message
    /// (<c>AiRole.System =&gt; ChatMessage.CreateSystemMessage(message.Content)</c>) and writes it (<c>new(AiRole.System,
    /// systemPrompt)</c>). Its properties have no syntax here, so they are read through the metadata symbols: the
    /// property is the record's positional parameter of the same name, and what this compilation passes to that
    /// constructor parameter is what the property holds, as for a record declared here.
    /// </summary>
    internal static class ReferencedRecords
    {
        /// <summary>
        /// The parameter of the positional constructor of a record from a referenced assembly that initialises the
        /// string property <paramref name="property"/>, or null. A positional record's compiler-made <c>Deconstruct</c>
        /// lists its positional properties in order; the constructor with the same parameters (names and types) is
        /// the primary one, and its parameter of the property's name sets it.
        /// </summary>
        public static IParameterSymbol? PositionalParameter(IPropertySymbol property)
        {
            if (property.IsStatic
                || property.IsIndexer
                || property.Type.SpecialType != SpecialType.System_String
                || property.SetMethod is not { IsInitOnly: true }
                || property.ContainingType is not { IsRecord: true } record
                || !(Deconstruct(record) is { } deconstruct))
            {
                return null;
            }

            foreach (var member in record.InstanceConstructors)
            {
                if (member.Parameters.Length != deconstruct.Parameters.Length || member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                IParameterSymbol? found = null;
                var matches = true;
                for (var i = 0; i < member.Parameters.Length && matches; i++)
                {
                    var parameter = member.Parameters[i];
                    var positional = deconstruct.Parameters[i];
                    matches = parameter.Name == positional.Name && SymbolEqualityComparer.Default.Equals(parameter.Type, positional.Type);
                    if (matches && parameter.Name == property.Name)
                    {
                        found = parameter;
                    }
                }

                if (matches && found != null)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether <paramref name="constructor"/> is the positional constructor of a record from a referenced assembly
        /// with a string parameter: a call this compilation makes to it passes what the record's property will hold.
        /// </summary>
        public static bool IsPositionalConstructor(IMethodSymbol constructor, IAssemblySymbol compilationAssembly)
        {
            if (constructor.MethodKind != MethodKind.Constructor
                || constructor.ContainingType is not { IsRecord: true } record
                || SymbolEqualityComparer.Default.Equals(record.ContainingAssembly, compilationAssembly))
            {
                return false;
            }

            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_String
                    && record.GetMembers(parameter.Name) is { Length: 1 } members
                    && members[0] is IPropertySymbol property
                    && SymbolEqualityComparer.Default.Equals(PositionalParameter(property), parameter))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The compiler-made <c>Deconstruct</c> of a positional record: all its parameters are <c>out</c>.</summary>
        private static IMethodSymbol? Deconstruct(INamedTypeSymbol record)
        {
            foreach (var member in record.GetMembers("Deconstruct"))
            {
                if (member is IMethodSymbol { IsStatic: false, ReturnsVoid: true } method && method.Parameters.Length > 0 && AllOut(method))
                {
                    return method;
                }
            }

            return null;
        }

        private static bool AllOut(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.Out)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
