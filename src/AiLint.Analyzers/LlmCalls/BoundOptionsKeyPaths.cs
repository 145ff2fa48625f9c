using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The configuration key path a read of a bound options property stands for: <c>_options.Value.ApiUrl</c> (or
    /// <c>CurrentValue</c>, or the options object held in a field) on <c>ChatGPTClientOptions</c>, bound by
    /// <c>services.Configure&lt;ChatGPTClientOptions&gt;(configuration.GetSection("ChatGPT"))</c>, reads
    /// <c>ChatGPT:ApiUrl</c>. One reading per compilation, shared by the raw-HTTP URL reading
    /// (RawHttpLlmCalls.BoundOptionsUrls.cs) and the library summary of settings model keys
    /// (<see cref="Summaries.RawHttpSettingsKeyPaths"/>).
    /// </summary>
    /// <remarks>
    /// Bindings read: <c>services.Configure&lt;T&gt;(config.GetSection("Llm"))</c>,
    /// <c>AddOptions&lt;T&gt;().Bind(config.GetSection("Llm"))</c>, <c>AddOptions&lt;T&gt;().BindConfiguration("Llm")</c>,
    /// recognised by their resolved extension classes, with a constant section. A type bound twice to different
    /// sections, to a named options instance, or to a section that is not a constant has no path. The property must be a
    /// non-virtual string property that the project never assigns (a write, <c>PostConfigure(o =&gt; o.ApiUrl = ...)</c>
    /// too, would override the file); its key is its <c>[ConfigurationKeyName]</c> or its name. The instance the
    /// property is read on is not looked at: every instance of a bound type the project does not write is the bound one.
    /// </remarks>
    internal sealed class BoundOptionsKeyPaths
    {
        private static readonly HashSet<string> BindNames = new HashSet<string>(StringComparer.Ordinal) { "Configure", "Bind", "BindConfiguration" };

        private static readonly ConditionalWeakTable<Compilation, BoundOptionsKeyPaths> PerCompilation = new ConditionalWeakTable<Compilation, BoundOptionsKeyPaths>();

        private readonly Compilation compilation;
        private readonly KnownModelSymbols symbols;
        private readonly INamedTypeSymbol? configuration;
        private readonly INamedTypeSymbol? configureExtensions;
        private readonly INamedTypeSymbol? builderExtensions;
        private readonly BaseAddressValues writes;

        // Filled once, by the first reader that finishes (a cancelled walk leaves it unset for the next).
        private Dictionary<ITypeSymbol, string?>? sections;

        private BoundOptionsKeyPaths(Compilation compilation)
        {
            this.compilation = compilation;
            symbols = KnownModelSymbols.Create(compilation);
            configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            configureExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions");
            builderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions");

            // Only its record of the project's writes to a property is used (IsAssigned): no settings values.
            writes = new BaseAddressValues(compilation, symbols, new Dictionary<string, List<string>>(), new HashSet<string>());
        }

        /// <summary>The reading of <paramref name="compilation"/>.</summary>
        public static BoundOptionsKeyPaths For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new BoundOptionsKeyPaths(c));

        /// <summary>
        /// <c>Section:Property</c> for a read of a bound options property (<paramref name="value"/>, unwrapped by the
        /// caller), or null when it is not one.
        /// </summary>
        public string? PathOf(IOperation value, CancellationToken cancellationToken)
        {
            if (configuration == null
                || value is not IPropertyReferenceOperation { Property: { IsIndexer: false, IsStatic: false, IsVirtual: false, IsAbstract: false, IsOverride: false } property }
                || property.Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var bound = Sections(cancellationToken);
            return bound.TryGetValue(property.OriginalDefinition.ContainingType, out var section) && section != null
                && !writes.IsAssigned(property, cancellationToken)
                ? section + ":" + (symbols.ConfigurationKeyName(property.OriginalDefinition) ?? property.Name)
                : null;
        }

        private Dictionary<ITypeSymbol, string?> Sections(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref sections) is { } known)
            {
                return known;
            }

            var found = BoundSections(cancellationToken);
            return Interlocked.CompareExchange(ref sections, found, null) ?? found;
        }

        /// <summary>The section each options type is bound from; null for a type bound so that no one section is known.</summary>
        private Dictionary<ITypeSymbol, string?> BoundSections(CancellationToken cancellationToken)
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
