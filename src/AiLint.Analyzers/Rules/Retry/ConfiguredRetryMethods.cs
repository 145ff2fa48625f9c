using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The retry helpers named in <c>ailint.retry_methods</c>: methods, usually from a package whose bodies are not in
    /// the compilation, that re-run the delegate they are given. Matched by <c>Namespace.Type.Method</c> of the method
    /// as called (the extension method's declaring type for an extension call), whatever its overload or type arguments.
    /// </summary>
    internal sealed class ConfiguredRetryMethods
    {
        public static readonly ConfiguredRetryMethods Empty = new(ImmutableHashSet<string>.Empty);

        // Namespace.Type (nested types joined with '.'), no generic arguments: the form the option is written in.
        private static readonly SymbolDisplayFormat TypeNameFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        private readonly ImmutableHashSet<string> names;

        private ConfiguredRetryMethods(ImmutableHashSet<string> names) => this.names = names;

        public static ConfiguredRetryMethods Read(AnalyzerOptions options, Compilation compilation)
        {
            var names = AiLintOptions.GetRetryMethods(options, compilation);
            return names.IsEmpty ? Empty : new ConfiguredRetryMethods(names);
        }

        /// <summary>True when <paramref name="method"/> (an original definition, not reduced) is listed.</summary>
        public bool Contains(IMethodSymbol method) =>
            !names.IsEmpty
            && method.ContainingType is { } type
            && method.MethodKind == MethodKind.Ordinary
            && names.Contains(type.OriginalDefinition.ToDisplayString(TypeNameFormat) + "." + method.Name);
    }
}
