using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Generators.Inputs
{
    /// <summary>
    /// What the consumer's C# version lets generated code use. Everything the generator writes is valid C# 7.3 (the
    /// default of netstandard2.0 and .NET Framework projects) except nullable reference annotations, which need C# 8:
    /// below it the output has no <c>#nullable enable</c>, no <c>T?</c> on reference types and no <c>!</c>. The Anthropic
    /// SDK's models have init-only setters, which need C# 9 to be set: below it the bindings build them from JSON members.
    /// </summary>
    /// <param name="NullableAnnotations">C# 8 or later: emit <c>#nullable enable</c> and annotate the public API.</param>
    /// <param name="InitOnlySetters">C# 9 or later: SDK models may be built with object initializers.</param>
    internal readonly record struct OutputLanguage(bool NullableAnnotations, bool InitOnlySetters)
    {
        public static readonly OutputLanguage Latest = new(true, true);

        /// <summary>The output language for the project's parse options (the effective version: <c>latest</c> and <c>default</c> are resolved).</summary>
        public static OutputLanguage From(ParseOptions options)
        {
            var version = options is CSharpParseOptions csharp ? csharp.LanguageVersion : LanguageVersion.Latest;
            return new(version >= LanguageVersion.CSharp8, version >= LanguageVersion.CSharp9);
        }

        /// <summary><paramref name="referenceType"/> with <c>?</c> when annotations are available.</summary>
        public string Nullable(string referenceType) => NullableAnnotations ? referenceType + "?" : referenceType;

        /// <summary>The null-forgiving operator, or nothing below C# 8.</summary>
        public string Bang => NullableAnnotations ? "!" : string.Empty;
    }
}
