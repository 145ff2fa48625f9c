using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The texts a client's base address can take (<see cref="RawHttpBaseAddresses"/>): a literal or constant, a
    /// <c>new Uri(...)</c> of one, concatenations and interpolations (a part the code does not spell is a hole), a
    /// settings property of the project (its default, every value the project's <c>appsettings*.json</c> give its key,
    /// and every value the project assigns to it), a configuration read (<c>configuration["OpenAI:BaseUrl"]</c>,
    /// <c>GetValue&lt;string&gt;(key, default)</c>: the files' values for the key, and the default or no value besides),
    /// an environment variable (no value: a <c>??</c> after it gives the default), a local or field through its writes
/// (a local <c>Uri.TryCreate(text, ..., out local)</c> fills: that text, BaseAddressValues.OutArguments.cs),
    /// each branch of a <c>?:</c> or <c>??</c>, a helper of the project through its returns (BaseAddressValues.Helpers.cs).
    /// Anything else (a parameter, a call's result) is not known. One instance
    /// per compilation.
    /// </summary>
    /// <remarks>
    /// A configuration key is matched by its last segment against every key of every settings file, as the rest of the
    /// family matches model keys (<see cref="ConfigurationModelIds"/>): a key of that name in any section counts. As
    /// the section a value belongs to is not known, the files' values are added to the code's default, never put in
    /// its place: an Ollama section's <c>"BaseUrl"</c> beside OpenAI's default makes both possible. The one exception is
    /// an empty default (<c>BaseAddress { get; init; } = "";</c>), which says the value comes from configuration.
    /// A <c>null</c> in a result stands for "no value" (an unset setting, an environment variable), which <c>??</c>
    /// replaces by its default.
    /// </remarks>
    internal sealed partial class BaseAddressValues
    {
        private const int MaxDepth = 8;
        private const int MaxTexts = 16;

        private readonly Compilation compilation;
        private readonly KnownModelSymbols symbols;
        private readonly INamedTypeSymbol? uri;
        private readonly INamedTypeSymbol? environment;

        // Null when the settings files were not handed over (RawHttpBaseAddresses.Prepare): a value that depends on
        // them is then not known.
        private readonly Lazy<Dictionary<string, List<string>>>? configured;
        private readonly ConcurrentDictionary<IPropertySymbol, List<IOperation>> propertyWrites =
            new ConcurrentDictionary<IPropertySymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        // Set only for a reading that stands in for a referencing host's settings files (HostFileReading): the keys the
        // reading asked for, and whether a settings property from metadata is read as the files' values for its key.
        private readonly HashSet<string>? askedKeys;
        private readonly bool readsMetadataSettings;

        /// <summary>
        /// A reading with <paramref name="configuredValues"/> in place of settings files, for the project summary
        /// (Summaries/RawHttpSettingsModels.cs): what the base address would be if a referencing host's files held those
        /// values. Every key asked is added to <paramref name="askedKeys"/>; a settings property declared in another
        /// assembly (an Application project's options class) is read as the values of its key, not known when none.
        /// </summary>
        internal BaseAddressValues(Compilation compilation, KnownModelSymbols symbols, Dictionary<string, List<string>> configuredValues, HashSet<string> askedKeys)
            : this(compilation, symbols, null)
        {
            configured = new Lazy<Dictionary<string, List<string>>>(() => configuredValues);
            this.askedKeys = askedKeys;
            readsMetadataSettings = true;
        }

        public BaseAddressValues(Compilation compilation, KnownModelSymbols symbols, ImmutableArray<AdditionalText>? settingsFiles)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            uri = compilation.GetTypeByMetadataName("System.Uri");
            environment = compilation.GetTypeByMetadataName("System.Environment");
            if (settingsFiles is { } files)
            {
                // Made once per compilation and shared by every analyzer that asks (Models, Retry, Prompts), so it
                // must not carry the first asker's cancellation: a cancelled first run would leave the Lazy holding an
                // OperationCanceledException for the runs after it. Reading the settings texts is small and bounded.
                configured = new Lazy<Dictionary<string, List<string>>>(() => ConfigurationModelIds.StringValues(files, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        /// <summary>
        /// The provider host every text <paramref name="value"/> can take is a URL on (<see cref="LlmEndpoints.HostOf"/>:
        /// <c>https://api.openai.com/...</c>, a regional <c>*.api.openai.com</c>, <c>https://api.anthropic.com/...</c>), at
        /// least one; <see cref="LlmHost.None"/> when one is not known or names another host. "No value" does not count
        /// either way: a client without a base address sends no relative request anywhere.
        /// </summary>
        public LlmHost HostOf(IOperation value, CancellationToken cancellationToken)
        {
            if (Texts(value, 0, null, cancellationToken) is not { } texts)
            {
                return LlmHost.None;
            }

            var host = LlmHost.None;
            foreach (var text in texts)
            {
                if (text == null)
                {
                    continue;
                }

                var named = LlmEndpoints.HostOf(text);
                if (named == LlmHost.None || (host != LlmHost.None && named != host))
                {
                    return LlmHost.None;
                }

                host = named;
            }

            return host;
        }

        /// <summary>The texts <paramref name="value"/> can take (null inside: no value), or null when one is not known.</summary>
        private List<string?>? Texts(IOperation value, int depth, IReadOnlyDictionary<IParameterSymbol, List<string?>>? bound, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            value = OperationValues.Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value is string constant ? One(constant)
                    : value.ConstantValue.Value == null ? One(null)
                    : null;
            }

            switch (value)
            {
                case IDefaultValueOperation:
                    return One(null);

                case IFieldReferenceOperation { Field: { Name: nameof(string.Empty), IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } }:
                    // `BaseUrl { get; init; } = string.Empty;`, the usual way options classes write an empty default
                    // (review69 M1, RAG_Challenge): the same text as "".
                    return One(string.Empty);

                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, uri) && creation.Arguments.Length > 0:
                    // new Uri(text[, kind]); new Uri(baseUri, "v1/") keeps the base's host unless the second part is absolute.
                    if (creation.Arguments.Length > 1
                        && SymbolEqualityComparer.Default.Equals(creation.Arguments[0].Parameter?.Type, uri)
                        && !(creation.Arguments[1].Value.ConstantValue.Value is string relative && relative.IndexOf("://", StringComparison.Ordinal) < 0))
                    {
                        return null;
                    }

                    return Texts(creation.Arguments[0].Value, depth + 1, bound, cancellationToken);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return Concatenate(
                        Texts(concatenation.LeftOperand, depth + 1, bound, cancellationToken),
                        Texts(concatenation.RightOperand, depth + 1, bound, cancellationToken));

                case IInterpolatedStringOperation interpolated:
                    List<string?>? joined = One(string.Empty);
                    foreach (var part in interpolated.Parts)
                    {
                        var texts = part switch
                        {
                            IInterpolatedStringTextOperation { Text.ConstantValue.Value: string literal } => One(literal),
                            IInterpolationOperation { Alignment: null, FormatString: null } hole => Texts(hole.Expression, depth + 1, bound, cancellationToken),
                            _ => null,
                        };
                        joined = Concatenate(joined, texts);
                    }

                    return joined;

                case ICoalesceOperation coalesce:
                    // settings.BaseUrl ?? "https://api.openai.com/v1/": the default stands in for "no value" only.
                    var first = Texts(coalesce.Value, depth + 1, bound, cancellationToken);
                    if (first == null || !first.Contains(null))
                    {
                        return first;
                    }

                    return Union(first.Where(text => text != null).ToList(), Texts(coalesce.WhenNull, depth + 1, bound, cancellationToken));

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Union(Texts(conditional.WhenTrue, depth + 1, bound, cancellationToken), Texts(whenFalse, depth + 1, bound, cancellationToken));

                case IInvocationOperation invocation:
                    return CallTexts(invocation, depth, bound, cancellationToken);

                case IPropertyReferenceOperation property:
                    return symbols.ConfigurationKey(property) is { } key
                        ? ConfigurationTexts(key, null, depth, cancellationToken)
                        : PropertyTexts(property.Property, depth, cancellationToken);

                case ILocalReferenceOperation { Local: var local }:
                    // Its initializer and assignments, and the text a Uri.TryCreate(text, ..., out local) parses
                    // (BaseAddressValues.OutArguments.cs); a local another call fills through `out` is not known.
                    return OutArgumentValues(local, cancellationToken) is { } filled
                        ? WrittenTexts(WrittenValues.Of(local, compilation, cancellationToken).Concat(filled), depth, bound, cancellationToken)
                        : null;

                case IFieldReferenceOperation { Field: var field } when field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private:
                    // Only its own type writes it: WrittenValues sees every write.
                    return WrittenTexts(WrittenValues.Of(field, compilation, cancellationToken), depth, bound, cancellationToken);

                case IParameterReferenceOperation { Parameter: var parameter } when bound != null:
                    // Inside a helper read for a call (HelperTexts): the texts the call passes; a parameter it passes
                    // nothing known for is not known.
                    return bound.TryGetValue(parameter.OriginalDefinition, out var passed) ? passed : null;

                default:
                    return null;
            }
        }

        /// <summary><c>Environment.GetEnvironmentVariable(...)</c>: a value the code does not see.</summary>
        internal bool IsEnvironmentRead(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name == "GetEnvironmentVariable"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, environment);

        private List<string?>? CallTexts(IInvocationOperation invocation, int depth, IReadOnlyDictionary<IParameterSymbol, List<string?>>? bound, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (symbols.ConfigurationKey(invocation) is { } key)
            {
                return ConfigurationTexts(key, symbols.ConfigurationDefault(invocation), depth, cancellationToken);
            }

            if (IsEnvironmentRead(invocation))
            {
                // A variable the code does not see: no value, unless a `??` gives one.
                return One(null);
            }

            // options.BaseUrl.TrimEnd('/') + "/": trimming keeps the host.
            if (method.ContainingType?.SpecialType == SpecialType.System_String && !method.IsStatic
                && method.Name is "Trim" or "TrimEnd" or "TrimStart" or "ToString"
                && invocation.Instance != null)
            {
                var texts = Texts(invocation.Instance, depth + 1, bound, cancellationToken);
                return texts?.Select(text => text == null ? null : Trim(text, method.Name, invocation)).ToList();
            }

            return HelperTexts(invocation, depth, bound, cancellationToken);
        }

        private static string Trim(string text, string method, IInvocationOperation invocation)
        {
            var chars = invocation.Arguments
                .SelectMany(argument => argument.Value is IArrayCreationOperation { Initializer: { } array } ? (IEnumerable<IOperation>)array.ElementValues : new[] { argument.Value })
                .Select(value => value.ConstantValue.Value)
                .OfType<char>()
                .ToArray();
            var trimChars = chars.Length == 0 ? null : chars;
            return method switch
            {
                "Trim" => text.Trim(trimChars),
                "TrimEnd" => text.TrimEnd(trimChars),
                "TrimStart" => text.TrimStart(trimChars),
                _ => text,
            };
        }

        /// <summary>
        /// A configuration read: the files' values for a key of that name, and the call's default (or no value) besides,
        /// as the key matched may be another section's.
        /// </summary>
        private List<string?>? ConfigurationTexts(string key, IOperation? defaultValue, int depth, CancellationToken cancellationToken)
        {
            if (configured == null)
            {
                return null;
            }

            Asked(key);
            var otherwise = defaultValue == null ? One(null) : Texts(defaultValue, depth + 1, null, cancellationToken);
            return configured.Value.TryGetValue(key, out var values) ? Union(values.Cast<string?>().ToList(), otherwise) : otherwise;
        }

        /// <summary>
        /// A settings property of the project (an auto-property, or a positional record's): the files' values for its key
        /// (its name or <c>[ConfigurationKeyName]</c>) or else its default, and every value the project writes to it
        /// (<c>new OpenAISettings { BaseUrl = ... }</c>, <c>Configure&lt;T&gt;(o =&gt; o.BaseUrl = ...)</c>). A computed
        /// property: what it is initialised with, returns or is assigned in its type. Null for a property from metadata.
        /// </summary>
        private List<string?>? PropertyTexts(IPropertySymbol property, int depth, CancellationToken cancellationToken)
        {
            property = property.OriginalDefinition;
            if (readsMetadataSettings && MetadataSettingTexts(property, depth, cancellationToken) is var fromMetadata && fromMetadata.Known)
            {
                return fromMetadata.Texts;
            }

            if (property.IsIndexer || property.IsVirtual || property.IsAbstract || property.IsOverride
                || property.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            if (SettingsDefault(property, cancellationToken) is not { } settingsDefault)
            {
                return WrittenTexts(SourcePropertyValues.Of(property, compilation, cancellationToken).ToList(), depth, null, cancellationToken);
            }

            if (configured == null)
            {
                return null;
            }

            // The default stays possible beside the files' values (their key may be another section's), unless it is
            // empty: an empty default is a setting the app expects to be configured.
            var key = symbols.ConfigurationKeyName(property) ?? property.Name;
            Asked(key);
            var texts = settingsDefault.Value == null ? One(null) : Texts(settingsDefault.Value, depth + 1, null, cancellationToken)?.Select(text => text?.Length == 0 ? null : text).ToList();
            if (configured.Value.TryGetValue(key, out var values))
            {
                texts = Union(values.Cast<string?>().ToList(), texts);
            }

            foreach (var written in Writes(property, cancellationToken))
            {
                texts = Union(texts, Texts(written, depth + 1, null, cancellationToken));
            }

            return texts;
        }

        /// <summary>
        /// For an auto-property (or a positional record property): a box holding its initializer or parameter default,
        /// or nothing when it has none. Null for a property with an accessor body or an expression body.
        /// </summary>
        private StrongBox<IOperation?>? SettingsDefault(IPropertySymbol property, CancellationToken cancellationToken)
        {
            switch (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken))
            {
                case ParameterSyntax { Parent.Parent: RecordDeclarationSyntax } positional:
                    return new StrongBox<IOperation?>(positional.Default?.Value is { } parameterDefault
                        ? SourceBodies.GetOperation(parameterDefault, compilation, cancellationToken)
                        : null);
                case PropertyDeclarationSyntax { AccessorList: { } accessors } declaration
                        when accessors.Accessors.All(accessor => accessor.Body == null && accessor.ExpressionBody == null):
                    return new StrongBox<IOperation?>(declaration.Initializer is { } initializer
                        ? (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IPropertyInitializerOperation)?.Value
                        : null);
                default:
                    return null;
            }
        }

        /// <summary>Every value the project assigns to <paramref name="property"/>, in files that spell its name.</summary>
        private List<IOperation> Writes(IPropertySymbol property, CancellationToken cancellationToken) =>
            propertyWrites.GetOrAdd(property, key =>
            {
                var found = new List<IOperation>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var root = tree.GetRoot(cancellationToken);
                    SemanticModel? model = null;
                    foreach (var assignment in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                    {
                        var name = assignment.Left switch
                        {
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                            _ => null,
                        };
                        if (name != key.Name)
                        {
                            continue;
                        }

                        model ??= SourceBodies.GetSemanticModel(compilation, tree);
                        if (model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } written
                            && SymbolEqualityComparer.Default.Equals(target.Property.OriginalDefinition, key))
                        {
                            found.Add(written.Value);
                        }
                    }
                }

                return found;
            });

        private List<string?>? WrittenTexts(IEnumerable<IOperation> writes, int depth, IReadOnlyDictionary<IParameterSymbol, List<string?>>? bound, CancellationToken cancellationToken)
        {
            List<string?>? texts = null;
            foreach (var written in writes)
            {
                var more = Texts(written, depth + 1, bound, cancellationToken);
                if (more == null)
                {
                    return null;
                }

                texts = texts == null ? more : Union(texts, more);
            }

            return texts;
        }

        private static List<string?> One(string? text) => new List<string?>(1) { text };

        private static List<string?>? Union(List<string?>? left, List<string?>? right)
        {
            if (left == null || right == null || left.Count + right.Count > MaxTexts)
            {
                return null;
            }

            return left.Concat(right).Distinct().ToList();
        }

        // Every pair; a part that is not known is a hole (the host may still be spelled before it).
        private static List<string?>? Concatenate(List<string?>? left, List<string?>? right)
        {
            if (left == null)
            {
                return null;
            }

            right ??= One(LlmEndpoints.Hole.ToString());
            if (left.Count * right.Count > MaxTexts)
            {
                return null;
            }

            return left.SelectMany(first => right.Select(second => Join(first, second))).Distinct().ToList();
        }

        /// <summary>
        /// Two texts joined. "No value" on one side (an unset setting, review69 M2: <c>options.BaseUrl + "/"</c> with the
        /// URL only in appsettings.json) leaves the other side alone, as C# joins a null: a base address only when that
        /// side is a URL by itself or a part the code does not spell (a hole, which may be one); otherwise no value
        /// (<c>new Uri("/")</c> is no server's address, and a client so configured sends no request to any).
        /// </summary>
        private static string? Join(string? first, string? second)
        {
            if (first != null && second != null)
            {
                return first + second;
            }

            var alone = first ?? second;
            return alone != null && (alone.IndexOf("://", StringComparison.Ordinal) >= 0 || alone.IndexOf(LlmEndpoints.Hole) >= 0) ? alone : null;
        }
    }
}
