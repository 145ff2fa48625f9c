using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The configuration key path a raw POST's model value reads, for <see cref="RawHttpSettingsModels"/>: the settings
    /// file value a host gives there is the id sent. Two shapes, each exact or nothing:
    /// a bound options property (<c>_options.Model</c>, <c>LlmOptions</c> bound by
    /// <c>Configure&lt;LlmOptions&gt;(configuration.GetSection("Llm"))</c>: <c>Llm:Model</c>), and a read of the
    /// injected configuration (<c>configuration["OpenAI:Model"] ?? "gpt-4o"</c> kept in a readonly field, review76's
    /// TennisGPT: <c>OpenAI:Model</c>).
    /// </summary>
    internal sealed class RawHttpSettingsKeyPaths
    {
        private static readonly HashSet<string> BindNames = new HashSet<string>(StringComparer.Ordinal) { "Configure", "Bind", "BindConfiguration" };

        private readonly Compilation compilation;
        private readonly KnownModelSymbols symbols;
        private readonly CancellationToken cancellationToken;
        private readonly INamedTypeSymbol? configuration;
        private readonly INamedTypeSymbol? configureExtensions;
        private readonly INamedTypeSymbol? builderExtensions;
        private Dictionary<ITypeSymbol, string?>? sections;
        private BaseAddressValues? writes;

        public RawHttpSettingsKeyPaths(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            this.cancellationToken = cancellationToken;
            configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            configureExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions");
            builderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions");
        }

        /// <summary>The key path <paramref name="value"/> reads (<c>Llm:Model</c>), or null when it is not one of the two shapes.</summary>
        public string? Of(IOperation value)
        {
            value = ModelIdValue.Unwrap(value);
            if (configuration == null)
            {
                return null;
            }

            if (value is IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false } field })
            {
                // Every write of the field (its constructors') reads the same key; a fallback after ?? is the library's own
                // code (checked there), sent only when the host's files leave the key unset.
                string? path = null;
                foreach (var written in WrittenValues.Of(field, compilation, cancellationToken))
                {
                    var read = ModelIdValue.Unwrap(written) is ICoalesceOperation coalesce ? coalesce.Value : written;
                    if (ConfigurationPath(ModelIdValue.Unwrap(read)) is not { } one || (path != null && !string.Equals(path, one, StringComparison.OrdinalIgnoreCase)))
                    {
                        return null;
                    }

                    path = one;
                }

                return path;
            }

            return ConfigurationPath(value) ?? BoundPropertyPath(value);
        }

        /// <summary>
        /// <c>configuration["OpenAI:Model"]</c> or <c>configuration.GetSection("OpenAI")["Model"]</c> on a constructor's
        /// <c>IConfiguration</c> parameter: what dependency injection hands a service is the host's whole configuration,
        /// so the key is a full path. A method's parameter may be a section (<c>AddX(config.GetSection("Ai"))</c>): not read.
        /// </summary>
        private string? ConfigurationPath(IOperation value)
        {
            if (value is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || indexer.Arguments[0].Value.ConstantValue.Value is not string key || key.Length == 0)
            {
                return null;
            }

            var instance = indexer.Instance == null ? null : ModelIdValue.Unwrap(indexer.Instance);
            if (IsInjectedConfiguration(instance))
            {
                return key;
            }

            return instance is IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } getSection
                && getSection.Arguments[0].Value.ConstantValue.Value is string section && section.Length > 0
                && IsInjectedConfiguration(getSection.Instance == null ? null : ModelIdValue.Unwrap(getSection.Instance))
                ? section + ":" + key
                : null;
        }

        private bool IsInjectedConfiguration(IOperation? instance) =>
            instance is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.Type, configuration);

        /// <summary>
        /// <c>Llm:Model</c> for a body's <c>_options.Model</c>: a non-virtual string property of a type the project binds
        /// to exactly one section, which the project never assigns (a write would override the file), by its
        /// <c>[ConfigurationKeyName]</c> or its name.
        /// </summary>
        private string? BoundPropertyPath(IOperation value)
        {
            if (value is not IPropertyReferenceOperation { Property: { IsIndexer: false, IsStatic: false, IsVirtual: false, IsAbstract: false, IsOverride: false } property }
                || property.Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            sections ??= BoundSections();
            writes ??= new BaseAddressValues(compilation, symbols, new Dictionary<string, List<string>>(), new HashSet<string>());
            return sections.TryGetValue(property.OriginalDefinition.ContainingType, out var section) && section != null
                && !writes.IsAssigned(property, cancellationToken)
                ? section + ":" + (symbols.ConfigurationKeyName(property.OriginalDefinition) ?? property.Name)
                : null;
        }

        /// <summary>
        /// The section each options type is bound from: <c>services.Configure&lt;T&gt;(config.GetSection("Llm"))</c>,
        /// <c>AddOptions&lt;T&gt;().Bind(config.GetSection("Llm"))</c>, <c>AddOptions&lt;T&gt;().BindConfiguration("Llm")</c>,
        /// with a constant key. Null for a type bound twice to different sections, to a named options instance, or to a
        /// section not constant.
        /// </summary>
        private Dictionary<ITypeSymbol, string?> BoundSections()
        {
            var bound = new Dictionary<ITypeSymbol, string?>(SymbolEqualityComparer.Default);
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, BindNames, cancellationToken))
            {
                if (BoundType(invocation) is not { } type)
                {
                    continue;
                }

                var section = SectionOf(invocation);
                bound[type.OriginalDefinition] = bound.TryGetValue(type.OriginalDefinition, out var known)
                    && !string.Equals(known, section, StringComparison.OrdinalIgnoreCase) ? null : section;
            }

            return bound;
        }

        // Configure<T>(...) on services, Bind(...)/BindConfiguration(...) on an OptionsBuilder<T>.
        private ITypeSymbol? BoundType(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (method.Name == "Configure" && type is not null && SymbolEqualityComparer.Default.Equals(type, configureExtensions) && method.TypeArguments.Length == 1)
            {
                return method.TypeArguments[0];
            }

            return type is not null && SymbolEqualityComparer.Default.Equals(type, builderExtensions) && method.TypeArguments.Length == 1
                ? method.TypeArguments[0]
                : null;
        }

        private string? SectionOf(IInvocationOperation invocation)
        {
            string? section = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "name" when argument.ArgumentKind != ArgumentKind.DefaultValue:
                        return null; // a named options instance: IOptions<T>.Value is not it
                    case "configSectionPath":
                        section = argument.Value.ConstantValue.Value as string;
                        break;
                    case "config":
                        section = ModelIdValue.Unwrap(argument.Value) is IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } getSection
                            && getSection.Instance?.Type is { } instanceType
                            && (SymbolEqualityComparer.Default.Equals(instanceType, configuration) || instanceType.AllInterfaces.Contains(configuration!, SymbolEqualityComparer.Default))
                            ? getSection.Arguments[0].Value.ConstantValue.Value as string
                            : null;
                        break;
                }
            }

            return string.IsNullOrEmpty(section) ? null : section;
        }
    }
}
