using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    internal sealed partial class SchemaShapeReader
    {
        /// <summary>
        /// What a type's or property's attributes say about its schema, read in one loop over them: the description,
        /// the JSON name, whether enum values are asked for as numbers, and the validation attributes' bounds.
        /// </summary>
        /// <remarks>
        /// Why one loop (docs/performance.md, "session 34"): each of these was a LINQ query over the same attributes,
        /// with a closure and a boxed enumerator per query, and the property's attributes were first copied into a new
        /// array with its record parameter's. Reading order is kept: the property's attributes, then the parameter's;
        /// the first description and name found win, a later bound replaces an earlier one.
        /// </remarks>
        private struct MemberAttributes
        {
            /// <summary>The first non-empty <c>[Description]</c>.</summary>
            public string? Description;

            /// <summary>The first <c>[JsonPropertyName]</c>'s name.</summary>
            public string? JsonName;

            /// <summary><c>[JsonConverter(typeof(JsonNumberEnumConverter&lt;T&gt;))]</c>: enum values as numbers.</summary>
            public bool NumberEnumConverter;

            public double? Minimum;
            public double? Maximum;
            public int? MinLength;
            public int? MaxLength;
            public string? Pattern;

            public static MemberAttributes Read(ImmutableArray<AttributeData> own, ImmutableArray<AttributeData> parameter, SchemaKnownSymbols known)
            {
                var result = default(MemberAttributes);
                foreach (var attribute in own)
                {
                    result.Add(attribute, known);
                }

                foreach (var attribute in parameter)
                {
                    result.Add(attribute, known);
                }

                return result;
            }

            private void Add(AttributeData attribute, SchemaKnownSymbols known)
            {
                var type = attribute.AttributeClass;
                var args = attribute.ConstructorArguments;
                if (Description is null && SchemaKnownSymbols.Is(type, known.DescriptionAttribute)
                    && args.Length == 1 && args[0].Value is string { Length: > 0 } description)
                {
                    Description = description;
                }

                if (JsonName is null && SchemaKnownSymbols.Is(type, known.JsonPropertyNameAttribute) && args.Length == 1 && args[0].Value is string name)
                {
                    JsonName = name;
                }

                if (SchemaKnownSymbols.Is(type, known.JsonConverterAttribute)
                    && args.Length == 1
                    && args[0].Value is INamedTypeSymbol converter
                    && SchemaKnownSymbols.Is(converter, known.JsonNumberEnumConverter))
                {
                    NumberEnumConverter = true;
                }

                if (SchemaKnownSymbols.Is(type, known.RangeAttribute))
                {
                    if (args.Length == 2)
                    {
                        Minimum = ToDouble(args[0].Value);
                        Maximum = ToDouble(args[1].Value);
                    }
                    else if (args.Length == 3)
                    {
                        // [Range(typeof(decimal), "0", "9.99")]: bounds as invariant text.
                        Minimum = ToDouble(args[1].Value);
                        Maximum = ToDouble(args[2].Value);
                    }
                }
                else if (SchemaKnownSymbols.Is(type, known.StringLengthAttribute) && args.Length == 1 && args[0].Value is int max)
                {
                    MaxLength = max;
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "MinimumLength")
                        {
                            if (!named.Value.IsNull && named.Value.Value is int minimumLength && minimumLength > 0)
                            {
                                MinLength = minimumLength;
                            }

                            break;
                        }
                    }
                }
                else if (SchemaKnownSymbols.Is(type, known.MinLengthAttribute) && args.Length == 1 && args[0].Value is int minValue)
                {
                    MinLength = minValue;
                }
                else if (SchemaKnownSymbols.Is(type, known.MaxLengthAttribute) && args.Length == 1 && args[0].Value is int maxValue)
                {
                    MaxLength = maxValue;
                }
                else if (SchemaKnownSymbols.Is(type, known.RegularExpressionAttribute) && args.Length == 1 && args[0].Value is string regex)
                {
                    Pattern = regex;
                }
            }

            private static double? ToDouble(object? value) => value switch
            {
                int i => i,
                double d => d,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
        }
    }
}
