using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>The well-known types the shape reader compares against, resolved once per compilation.</summary>
    internal sealed class SchemaKnownSymbols
    {
        public const string LlmSchemaAttributeMetadataName = "AiLint.LlmSchemaAttribute";

        private SchemaKnownSymbols(Compilation compilation)
        {
            LlmSchemaAttribute = compilation.GetTypeByMetadataName(LlmSchemaAttributeMetadataName);
            DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
            TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
            List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            IList = compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1");
            ICollection = compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1");
            IEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
            IReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
            IReadOnlyCollection = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1");
            Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
            IDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
            IReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
            DescriptionAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DescriptionAttribute");
            JsonPropertyNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
            JsonIgnoreAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
            JsonExtensionDataAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonExtensionDataAttribute");
            JsonConverterAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");
            JsonNumberEnumConverter = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonNumberEnumConverter`1");
            JsonStringEnumMemberNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute");
            RangeAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RangeAttribute");
            StringLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.StringLengthAttribute");
            MinLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MinLengthAttribute");
            MaxLengthAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MaxLengthAttribute");
            RegularExpressionAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.RegularExpressionAttribute");
            NullableAnnotations = compilation is not CSharpCompilation csharp || csharp.LanguageVersion >= LanguageVersion.CSharp8;
        }

        /// <summary>
        /// Whether type names may carry nullable reference annotations (<c>List&lt;string?&gt;</c>): C# 8 or later. Below
        /// it a type from an annotated library must be written without them, or the generated code fails with CS8370.
        /// </summary>
        public bool NullableAnnotations { get; }

        public INamedTypeSymbol? LlmSchemaAttribute { get; }

        public INamedTypeSymbol? DateTimeOffset { get; }

        public INamedTypeSymbol? DateOnly { get; }

        public INamedTypeSymbol? TimeOnly { get; }

        public INamedTypeSymbol? Guid { get; }

        public INamedTypeSymbol? List { get; }

        public INamedTypeSymbol? IList { get; }

        public INamedTypeSymbol? ICollection { get; }

        public INamedTypeSymbol? IEnumerable { get; }

        public INamedTypeSymbol? IReadOnlyList { get; }

        public INamedTypeSymbol? IReadOnlyCollection { get; }

        public INamedTypeSymbol? Dictionary { get; }

        public INamedTypeSymbol? IDictionary { get; }

        public INamedTypeSymbol? IReadOnlyDictionary { get; }

        public INamedTypeSymbol? DescriptionAttribute { get; }

        public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

        public INamedTypeSymbol? JsonIgnoreAttribute { get; }

        /// <summary>System.Text.Json's overflow bucket for unknown members: never a JSON property of its own.</summary>
        public INamedTypeSymbol? JsonExtensionDataAttribute { get; }

        public INamedTypeSymbol? JsonConverterAttribute { get; }

        public INamedTypeSymbol? JsonNumberEnumConverter { get; }

        public INamedTypeSymbol? JsonStringEnumMemberNameAttribute { get; }

        public INamedTypeSymbol? RangeAttribute { get; }

        public INamedTypeSymbol? StringLengthAttribute { get; }

        public INamedTypeSymbol? MinLengthAttribute { get; }

        public INamedTypeSymbol? MaxLengthAttribute { get; }

        public INamedTypeSymbol? RegularExpressionAttribute { get; }

        public static SchemaKnownSymbols Create(Compilation compilation) => new(compilation);

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }
}
