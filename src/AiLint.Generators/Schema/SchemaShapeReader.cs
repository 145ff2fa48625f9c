using System;
using System.Collections.Generic;
using System.Globalization;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>
    /// Turns an [LlmSchema] type symbol into a <see cref="SchemaShape"/>. Shared by the generator (which emits from the
    /// shape) and the analyzer (which checks the shape against each provider's rules), so both always agree on what
    /// the schema contains.
    /// </summary>
    internal sealed partial class SchemaShapeReader
    {
        private static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private static readonly SymbolDisplayFormat FullyQualifiedAnnotated = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat FullyQualifiedPlain = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        /// <summary>The reason recorded for an unresolved (error) type; AIL0401 stays silent about it.</summary>
        public const string UnresolvedReason = "the type could not be resolved";

        private readonly SchemaKnownSymbols known;

        /// <summary>Type names as the compilation's C# version can write them (no <c>string?</c> type arguments below C# 8).</summary>
        private SymbolDisplayFormat FullyQualified => known.NullableAnnotations ? FullyQualifiedAnnotated : FullyQualifiedPlain;
        private readonly Dictionary<ITypeSymbol, string> ids = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
        private readonly Queue<INamedTypeSymbol> pendingObjects = new();
        private readonly List<ObjectShape> objects = new();
        private readonly List<EnumShape> enums = new();
        private readonly IDictionary<string, INamedTypeSymbol>? symbolsById;

        private SchemaShapeReader(SchemaKnownSymbols known, IDictionary<string, INamedTypeSymbol>? symbolsById)
        {
            this.known = known;
            this.symbolsById = symbolsById;
        }

        /// <summary>Reads the shape of <paramref name="root"/> and every object and enum reachable from it.</summary>
        /// <param name="root">The [LlmSchema] type.</param>
        /// <param name="attribute">Its [LlmSchema] attribute (name and Providers), if any.</param>
        /// <param name="known">Well-known symbols of the compilation.</param>
        /// <param name="symbolsById">When given, receives the type symbol of each object and enum id (the analyzer maps issues back to declarations).</param>
        public static SchemaShape Read(INamedTypeSymbol root, AttributeData? attribute, SchemaKnownSymbols known, IDictionary<string, INamedTypeSymbol>? symbolsById = null)
        {
            var reader = new SchemaShapeReader(known, symbolsById);
            var (name, providers) = ReadAttribute(attribute);
            var rootId = reader.ObjectId(root);
            while (reader.pendingObjects.Count > 0)
            {
                reader.objects.Add(reader.ReadObject(reader.pendingObjects.Dequeue()));
            }

            var objectArray = new EquatableArray<ObjectShape>(reader.objects.ToArray());
            return new SchemaShape(
                rootId,
                name ?? SanitizeSchemaName(root.Name),
                providers,
                objectArray,
                new EquatableArray<EnumShape>(reader.enums.ToArray()),
                new EquatableArray<string>(FindRecursive(objectArray)));
        }

        /// <summary>Reads <c>[LlmSchema("name", Providers = new[] { ... })]</c>; no or an empty Providers list means all three.</summary>
        public static (string? Name, SchemaProviders Providers) ReadAttribute(AttributeData? attribute)
        {
            string? name = null;
            var providers = SchemaProviders.None;
            if (attribute is not null)
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text && text.Length > 0)
                {
                    name = text;
                }

                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "Providers" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                    {
                        foreach (var value in argument.Value.Values)
                        {
                            if (value.Value is int provider)
                            {
                                providers |= SchemaProvidersExtensions.FromLlmProviderValue(provider);
                            }
                        }
                    }
                }
            }

            return (name, providers == SchemaProviders.None ? SchemaProviders.All : providers);
        }

        /// <summary>OpenAI requires schema names to match <c>^[a-zA-Z0-9_-]+$</c> and be at most 64 characters.</summary>
        public static string SanitizeSchemaName(string name)
        {
            var builder = new StringBuilder();
            foreach (var c in name)
            {
                builder.Append((c is >= 'a' and <= 'z') || (c is >= 'A' and <= 'Z') || (c is >= '0' and <= '9') || c == '-' ? c : '_');
            }

            return builder.Length > 64 ? builder.ToString(0, 64) : builder.ToString();
        }

        /// <summary>System.Text.Json's camelCase policy (JsonNamingPolicy.CamelCase): lower-cases the leading run of capitals.</summary>
        public static string ToCamelCase(string name)
        {
            if (name.Length == 0 || !char.IsUpper(name[0]))
            {
                return name;
            }

            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }

                var hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    if (chars[i + 1] == ' ')
                    {
                        chars[i] = char.ToLowerInvariant(chars[i]);
                    }

                    break;
                }

                chars[i] = char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }

        private string ObjectId(INamedTypeSymbol type)
        {
            type = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (ids.TryGetValue(type, out var id))
            {
                return id;
            }

            id = NewId(type);
            ids.Add(type, id);
            pendingObjects.Enqueue(type);
            return id;
        }

        private string NewId(INamedTypeSymbol type)
        {
            var builder = new StringBuilder();
            foreach (var c in type.ToDisplayString(DisplayFormat))
            {
                builder.Append(char.IsLetterOrDigit(c) ? c : '_');
            }

            var baseId = builder.ToString();
            var id = baseId;
            for (var i = 2; !usedIds.Add(id); i++)
            {
                id = baseId + i.ToString(CultureInfo.InvariantCulture);
            }

            symbolsById?.Add(id, type);
            return id;
        }

        private ObjectShape ReadObject(INamedTypeSymbol type)
        {
            var id = ids[type];
            var typeName = type.ToDisplayString(FullyQualified);
            var displayName = type.ToDisplayString(DisplayFormat);
            var description = MemberAttributes.Read(type.GetAttributes(), ImmutableArray<AttributeData>.Empty, known).Description;

            string? unsupported = null;
            if (type.IsAbstract || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                unsupported = "'" + displayName + "' is abstract or an interface, so the parser cannot create it";
            }
            else if (type.IsGenericType && type.TypeArguments.Any(t => t.TypeKind == TypeKind.TypeParameter))
            {
                unsupported = "'" + displayName + "' is an open generic type";
            }

            var ignored = new List<IPropertySymbol>();
            var candidates = CollectProperties(type, ignored);
            var constructors = type.InstanceConstructors;
            var constructor = unsupported is null ? ChooseConstructor(constructors, candidates, ignored) : null;
            if (unsupported is null && constructor is null)
            {
                unsupported = "'" + displayName + "' has no public parameterless constructor and no public constructor whose parameters all match its properties";
            }

            var properties = new List<PropertyShape>();
            foreach (var property in candidates)
            {
                var parameterIndex = -1;
                if (constructor is not null)
                {
                    for (var i = 0; i < constructor.Parameters.Length; i++)
                    {
                        if (string.Equals(constructor.Parameters[i].Name, property.Name, StringComparison.OrdinalIgnoreCase))
                        {
                            parameterIndex = i;
                        }
                    }
                }

                var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
                if (parameterIndex < 0 && !settable)
                {
                    // Get-only computed properties are not part of the payload (System.Text.Json ignores them too).
                    continue;
                }

                var attributes = MemberAttributes.Read(property.GetAttributes(), PrimaryParameterAttributes(constructors, property.Name), known);
                var value = ReadValue(property.Type, property.NullableAnnotation == NullableAnnotation.Annotated, attributes.NumberEnumConverter);
                properties.Add(new PropertyShape(
                    property.Name,
                    attributes.JsonName ?? ToCamelCase(property.Name),
                    attributes.Description,
                    value,
                    Constraints(value, attributes),
                    parameterIndex));
            }

            return new ObjectShape(id, typeName, displayName, description, new EquatableArray<PropertyShape>(properties.ToArray()), constructor?.Parameters.Length ?? 0, unsupported);
        }

        /// <summary>
        /// Public instance properties with a public getter, base type first, in declaration order; [JsonIgnore] and
        /// [JsonExtensionData] excluded and added to <paramref name="ignored"/> instead (whatever their accessibility),
        /// since a constructor parameter may still name one.
        /// </summary>
        private List<IPropertySymbol> CollectProperties(INamedTypeSymbol type, List<IPropertySymbol> ignored)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            var result = new List<IPropertySymbol>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declaring in chain)
            {
                foreach (var member in declaring.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                    {
                        continue;
                    }

                    if (IsIgnored(property))
                    {
                        ignored.Add(property);
                    }
                    else if (property is { DeclaredAccessibility: Accessibility.Public, IsOverride: false }
                        && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                        && names.Add(property.Name))
                    {
                        result.Add(property);
                    }
                }
            }

            return result;
        }

        private bool IsIgnored(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (SchemaKnownSymbols.Is(attribute.AttributeClass, known.JsonExtensionDataAttribute))
                {
                    // [JsonExtensionData] collects the members the JSON has and the type does not: it is no property of
                    // the payload, and the strict schema admits no unknown members for it to collect.
                    return true;
                }

                if (SchemaKnownSymbols.Is(attribute.AttributeClass, known.JsonIgnoreAttribute))
                {
                    // JsonIgnoreCondition.Always is 1 and the default; WhenWritingNull etc. still read the property.
                    var condition = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value;
                    return condition.IsNull || condition.Value is not int value || value == 1;
                }
            }

            return false;
        }

        /// <summary>
        /// A public parameterless constructor (or a struct's default) when there is one; otherwise the public constructor
        /// with the most parameters, all of which match a property by name and type (a positional record's primary constructor).
        /// A parameter may match an ignored property (<c>record Answer(string Text, [property: JsonIgnore] Uri? Link)</c>):
        /// System.Text.Json passes it the parameter type's default, and so does the generated parser.
        /// </summary>
        private static IMethodSymbol? ChooseConstructor(ImmutableArray<IMethodSymbol> constructors, List<IPropertySymbol> properties, List<IPropertySymbol> ignored)
        {
            IMethodSymbol? best = null;
            foreach (var constructor in constructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (constructor.Parameters.Length == 0)
                {
                    return constructor;
                }

                var matches = constructor.Parameters.All(p => properties.Concat(ignored).Any(prop =>
                    string.Equals(prop.Name, p.Name, StringComparison.OrdinalIgnoreCase) && SymbolEqualityComparer.Default.Equals(prop.Type, p.Type)));
                if (matches && (best is null || constructor.Parameters.Length > best.Parameters.Length))
                {
                    best = constructor;
                }
            }

            return best;
        }

        /// <summary>
        /// Attributes written on a positional record parameter (<c>record R([Description("x")] string A)</c>) land on the
        /// parameter. The type's constructors are read once per type by the caller (each read of
        /// <c>InstanceConstructors</c> makes a new array).
        /// </summary>
        private static ImmutableArray<AttributeData> PrimaryParameterAttributes(ImmutableArray<IMethodSymbol> constructors, string propertyName)
        {
            foreach (var constructor in constructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (parameter.Name == propertyName)
                    {
                        return parameter.GetAttributes();
                    }
                }
            }

            return ImmutableArray<AttributeData>.Empty;
        }

        /// <param name="type">The value's type.</param>
        /// <param name="annotated">Whether the type is written with <c>?</c>.</param>
        /// <param name="numberEnumConverter">The member asks for an enum's values as numbers (<see cref="MemberAttributes.NumberEnumConverter"/>).</param>
        private ValueShape ReadValue(ITypeSymbol type, bool annotated, bool numberEnumConverter)
        {
            var nullable = annotated && type.IsReferenceType;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
            {
                type = nullableValue.TypeArguments[0];
                nullable = true;
            }

            var typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(FullyQualified);
            var isValueType = type.IsValueType;
            var simple = type.SpecialType switch
            {
                SpecialType.System_String => ValueShapeKind.String,
                SpecialType.System_Boolean => ValueShapeKind.Boolean,
                SpecialType.System_Byte => ValueShapeKind.Byte,
                SpecialType.System_SByte => ValueShapeKind.SByte,
                SpecialType.System_Int16 => ValueShapeKind.Int16,
                SpecialType.System_UInt16 => ValueShapeKind.UInt16,
                SpecialType.System_Int32 => ValueShapeKind.Int32,
                SpecialType.System_UInt32 => ValueShapeKind.UInt32,
                SpecialType.System_Int64 => ValueShapeKind.Int64,
                SpecialType.System_UInt64 => ValueShapeKind.UInt64,
                SpecialType.System_Single => ValueShapeKind.Single,
                SpecialType.System_Double => ValueShapeKind.Double,
                SpecialType.System_Decimal => ValueShapeKind.Decimal,
                SpecialType.System_DateTime => ValueShapeKind.DateTime,
                _ => SchemaKnownSymbols.Is(type, known.DateTimeOffset) ? ValueShapeKind.DateTimeOffset
                    : SchemaKnownSymbols.Is(type, known.DateOnly) ? ValueShapeKind.DateOnly
                    : SchemaKnownSymbols.Is(type, known.TimeOnly) ? ValueShapeKind.TimeOnly
                    : SchemaKnownSymbols.Is(type, known.Guid) ? ValueShapeKind.Guid
                    : ValueShapeKind.Unsupported,
            };

            if (type.TypeKind == TypeKind.Error)
            {
                // Half-typed code: the compiler already reports the unresolved type.
                return new ValueShape(ValueShapeKind.Unsupported, typeName, nullable, isValueType, UnsupportedReason: UnresolvedReason);
            }

            if (simple != ValueShapeKind.Unsupported)
            {
                return new ValueShape(simple, typeName, nullable, isValueType);
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                return new ValueShape(ValueShapeKind.Enum, typeName, nullable, isValueType, ReferenceId: EnumId(enumType, numberEnumConverter));
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                var element = ReadValue(array.ElementType, array.ElementNullableAnnotation == NullableAnnotation.Annotated, numberEnumConverter: false);
                return new ValueShape(ValueShapeKind.Array, typeName, nullable, isValueType, CollectionKind.Array, element);
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                var definition = generic.OriginalDefinition;
                if (generic.TypeArguments.Length == 1
                    && (SchemaKnownSymbols.Is(definition, known.List) || SchemaKnownSymbols.Is(definition, known.IList) || SchemaKnownSymbols.Is(definition, known.ICollection)
                        || SchemaKnownSymbols.Is(definition, known.IEnumerable) || SchemaKnownSymbols.Is(definition, known.IReadOnlyList) || SchemaKnownSymbols.Is(definition, known.IReadOnlyCollection)))
                {
                    var argument = generic.TypeArguments[0];
                    var element = ReadValue(argument, generic.TypeArgumentNullableAnnotations[0] == NullableAnnotation.Annotated, numberEnumConverter: false);
                    return new ValueShape(ValueShapeKind.Array, typeName, nullable, isValueType, CollectionKind.List, element);
                }

                if (generic.TypeArguments.Length == 2
                    && (SchemaKnownSymbols.Is(definition, known.Dictionary) || SchemaKnownSymbols.Is(definition, known.IDictionary) || SchemaKnownSymbols.Is(definition, known.IReadOnlyDictionary)))
                {
                    if (generic.TypeArguments[0].SpecialType != SpecialType.System_String)
                    {
                        return Unsupported(type, typeName, nullable, isValueType, "dictionary keys must be strings");
                    }

                    var element = ReadValue(generic.TypeArguments[1], generic.TypeArgumentNullableAnnotations[1] == NullableAnnotation.Annotated, numberEnumConverter: false);
                    return new ValueShape(ValueShapeKind.Map, typeName, nullable, isValueType, CollectionKind.Dictionary, element);
                }
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named
                && type.SpecialType == SpecialType.None
                && !IsInSystemNamespace(named))
            {
                // `class Node<T> { public Node<Node<T>>? Child { get; set; } }` compiles, but its schema has no end: each
                // object brings one with wider type arguments (Node<Node<Node<int>>>, ...). Stop at a nesting no
                // hand-written type reaches instead of reading objects until memory runs out.
                if (TypeArgumentsNestDeeperThan(named, MaxTypeArgumentNesting))
                {
                    return Unsupported(type, typeName, nullable, isValueType, "its type arguments nest more than " + MaxTypeArgumentNesting.ToString(CultureInfo.InvariantCulture) + " deep: a generic type that contains itself with wider type arguments has no finite schema");
                }

                return new ValueShape(ValueShapeKind.Object, typeName, nullable, isValueType, ReferenceId: ObjectId(named));
            }

            return Unsupported(type, typeName, nullable, isValueType, null);
        }

        /// <summary>The deepest nesting of type arguments and array elements a schema object may have (<c>A&lt;B&lt;C&gt;&gt;</c> and <c>A&lt;int[]&gt;</c> nest 2 deep).</summary>
        private const int MaxTypeArgumentNesting = 8;

        /// <summary>Whether type arguments nest inside <paramref name="type"/> more than <paramref name="limit"/> deep; the walk stops at the limit.</summary>
        private static bool TypeArgumentsNestDeeperThan(ITypeSymbol type, int limit)
        {
            switch (type)
            {
                // Arrays count too: `Node<T[]>` inside Node<T> widens its argument one array at a time.
                case IArrayTypeSymbol array:
                    return limit == 0 || TypeArgumentsNestDeeperThan(array.ElementType, limit - 1);
                case INamedTypeSymbol { IsGenericType: true } generic:
                    if (limit == 0)
                    {
                        return true;
                    }

                    foreach (var argument in generic.TypeArguments)
                    {
                        if (TypeArgumentsNestDeeperThan(argument, limit - 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static ValueShape Unsupported(ITypeSymbol type, string typeName, bool nullable, bool isValueType, string? why) =>
            new(ValueShapeKind.Unsupported, typeName, nullable, isValueType, UnsupportedReason: "type '" + type.ToDisplayString(DisplayFormat) + "' has no JSON schema mapping" + (why is null ? string.Empty : " (" + why + ")"));

        /// <summary>Framework types (TimeSpan, Uri, object, ...) are not schema objects even when they are classes or structs.</summary>
        private static bool IsInSystemNamespace(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
        }

        private string EnumId(INamedTypeSymbol type, bool memberNumberEnumConverter)
        {
            type = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (ids.TryGetValue(type, out var id))
            {
                return id;
            }

            id = NewId(type);
            ids.Add(type, id);
            var numeric = MemberAttributes.Read(type.GetAttributes(), ImmutableArray<AttributeData>.Empty, known).NumberEnumConverter || memberNumberEnumConverter;
            var members = new List<EnumMemberShape>();
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field)
                {
                    var jsonName = field.Name;
                    foreach (var attribute in field.GetAttributes())
                    {
                        if (SchemaKnownSymbols.Is(attribute.AttributeClass, known.JsonStringEnumMemberNameAttribute)
                            && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
                        {
                            jsonName = text;
                        }
                    }

                    members.Add(new EnumMemberShape(field.Name, jsonName, Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "0"));
                }
            }

            enums.Add(new EnumShape(id, type.ToDisplayString(FullyQualified), numeric, new EquatableArray<EnumMemberShape>(members.ToArray())));
            return id;
        }

        /// <summary>The member's validation attributes as schema keywords for its value's kind.</summary>
        private static ValueConstraints Constraints(ValueShape value, MemberAttributes attributes)
        {
            var (minimum, maximum, minLength, maxLength, pattern) = (attributes.Minimum, attributes.Maximum, attributes.MinLength, attributes.MaxLength, attributes.Pattern);

            // DataAnnotations semantics: [Range] applies to numbers, lengths to strings, [MinLength]/[MaxLength] to collections as item counts.
            var isNumber = value.Kind.IsNumeric();
            var isString = value.Kind == ValueShapeKind.String;
            var isArray = value.Kind == ValueShapeKind.Array;
            return new ValueConstraints(
                isNumber ? minimum : null,
                isNumber ? maximum : null,
                isString ? minLength : null,
                isString ? maxLength : null,
                isArray ? minLength : null,
                isArray ? maxLength : null,
                isString ? pattern : null);
        }

        /// <summary>An object id is recursive when the type can reach itself through its properties.</summary>
        private static string[] FindRecursive(EquatableArray<ObjectShape> objects)
        {
            var edges = objects.ToDictionary(o => o.Id, o => o.Properties.SelectMany(p => ReferencedObjectIds(p.Value)).ToList(), StringComparer.Ordinal);
            var result = new List<string>();
            foreach (var shape in objects)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var stack = new Stack<string>(edges[shape.Id]);
                while (stack.Count > 0)
                {
                    var next = stack.Pop();
                    if (next == shape.Id)
                    {
                        result.Add(shape.Id);
                        break;
                    }

                    if (seen.Add(next) && edges.TryGetValue(next, out var more))
                    {
                        foreach (var id in more)
                        {
                            stack.Push(id);
                        }
                    }
                }
            }

            return result.ToArray();
        }

        /// <summary>The object ids a value refers to, through arrays and maps.</summary>
        public static IEnumerable<string> ReferencedObjectIds(ValueShape value)
        {
            for (ValueShape? current = value; current is not null; current = current.Element)
            {
                if (current.Kind == ValueShapeKind.Object && current.ReferenceId is not null)
                {
                    yield return current.ReferenceId;
                }
            }
        }
    }
}
