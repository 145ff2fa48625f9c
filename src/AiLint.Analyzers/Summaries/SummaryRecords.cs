using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The records of one key that the referenced projects' summaries carry (<see cref="SummaryKeys"/>): each
    /// <c>[assembly: AssemblyMetadata(key, value)]</c> of a referenced assembly, with that assembly. The family readers
    /// that own a key of their own (settings defaults, model parameters, tool catalogs, MCP list builders) parse the
    /// values; <see cref="ReferencedSummaries"/> reads the shared keys in one pass of its own.
    /// </summary>
    internal static class SummaryRecords
    {
        public static IEnumerable<(IAssemblySymbol Assembly, string Value)> Of(Compilation compilation, string key)
        {
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                foreach (var attribute in assembly.GetAttributes())
                {
                    // The key first: a string comparison rules out the framework's many AssemblyMetadata attributes.
                    if (attribute.ConstructorArguments.Length == 2
                        && attribute.ConstructorArguments[0].Value is string recordKey
                        && recordKey == key
                        && attribute.ConstructorArguments[1].Value is string value
                        && IsAssemblyMetadataAttribute(attribute.AttributeClass))
                    {
                        yield return (assembly, value);
                    }
                }
            }
        }

        /// <summary>
        /// <c>System.Reflection.AssemblyMetadataAttribute</c> (<see cref="SummaryKeys.AttributeMetadataName"/>), compared by
        /// its name and namespaces. Not <c>ToDisplayString()</c>: framework references carry a thousand or so
        /// AssemblyMetadata attributes between them, and a display string for each was most of this once-per-compilation
        /// read (docs/performance.md, "2026-12-05, late").
        /// </summary>
        public static bool IsAssemblyMetadataAttribute(INamedTypeSymbol? type) =>
            type is { Name: "AssemblyMetadataAttribute", Arity: 0, ContainingType: null }
            && type.ContainingNamespace is { Name: "Reflection" } reflection
            && reflection.ContainingNamespace is { Name: "System" } system
            && system.ContainingNamespace is { IsGlobalNamespace: true };
    }
}
