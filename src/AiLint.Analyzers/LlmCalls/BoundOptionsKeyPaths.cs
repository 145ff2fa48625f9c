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
    /// The configuration key path a read of a settings object's property stands for: <c>_options.Value.ApiUrl</c> (or
    /// <c>CurrentValue</c>, or the options object held in a field) on <c>ChatGPTClientOptions</c>, bound by
    /// <c>services.Configure&lt;ChatGPTClientOptions&gt;(configuration.GetSection("ChatGPT"))</c>, reads
    /// <c>ChatGPT:ApiUrl</c>; so does <c>ai.ApiUrl</c> after <c>var ai = configuration.GetSection("ChatGPT").Get&lt;T&gt;()</c>.
    /// With <see cref="ConfigurationKeyPathOf"/> (<c>configuration["ChatGPT:ApiUrl"]</c> and its kin), the one reading of
    /// "which settings key does this value come from", per compilation, shared by the raw-HTTP URL reading
    /// (RawHttpLlmCalls.BoundOptionsUrls.cs), the library summary of settings model keys
    /// (<see cref="Summaries.RawHttpSettingsKeyPaths"/>), the prompts kept in settings (SettingsPromptReads.cs) and the
    /// settings sections handed to OpenAI's own API (Rules/Models/DirectOpenAISettingsPaths.cs).
    /// </summary>
    /// <remarks>
    /// Bindings read: <c>services.Configure&lt;T&gt;(config.GetSection("Llm"))</c>,
    /// <c>AddOptions&lt;T&gt;().Bind(config.GetSection("Llm"))</c>, <c>AddOptions&lt;T&gt;().BindConfiguration("Llm")</c>,
    /// <c>config.GetSection("Llm").Get&lt;T&gt;()</c> (or <c>Get(typeof(T))</c>) and <c>config.GetSection("Llm").Bind(settings)</c>
    /// (or <c>config.Bind("Llm", settings)</c>), recognised by their resolved extension classes, with a section whose
    /// path is known (constant <c>GetSection</c>/<c>GetRequiredSection</c> chains, also through a local that holds one).
    /// A type bound twice to different sections, or to a section whose path is not known, has no path. Named options
    /// (<c>Configure&lt;T&gt;("openai", section)</c>, <c>AddOptions&lt;T&gt;("openai").Bind(section)</c>) are read only
    /// through <c>IOptionsMonitor&lt;T&gt;.Get("openai")</c> or <c>IOptionsSnapshot&lt;T&gt;.Get("openai")</c> with a
    /// constant name (BoundOptionsKeyPaths.NamedOptions.cs); a type with a named binding has no instance-free path. The
    /// property must be a non-virtual string property that the project never assigns (a write,
    /// <c>PostConfigure(o =&gt; o.ApiUrl = ...)</c> or <c>ai.ApiUrl = ...</c> too, would override the file); its key is
    /// its <c>[ConfigurationKeyName]</c> or its name. Otherwise the instance the property is read on is not looked at:
    /// every instance of a bound type the project does not write is the bound one.
    /// </remarks>
    internal sealed partial class BoundOptionsKeyPaths
    {
        private static readonly HashSet<string> BindNames = new HashSet<string>(StringComparer.Ordinal) { "Configure", "Bind", "BindConfiguration" };

        private static readonly ConditionalWeakTable<Compilation, BoundOptionsKeyPaths> PerCompilation = new ConditionalWeakTable<Compilation, BoundOptionsKeyPaths>();

        private readonly Compilation compilation;
        private readonly KnownModelSymbols symbols;
        private readonly INamedTypeSymbol? configuration;
        private readonly INamedTypeSymbol? configureExtensions;
        private readonly INamedTypeSymbol? builderExtensions;
        private readonly INamedTypeSymbol? binder;
        private readonly INamedTypeSymbol? configurationSection;
        private readonly BaseAddressValues writes;

        // Filled once, by the first reader that finishes (a cancelled walk leaves it unset for the next).
        private Bindings? sections;

        private BoundOptionsKeyPaths(Compilation compilation)
        {
            this.compilation = compilation;
            symbols = KnownModelSymbols.Create(compilation);
            configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            configureExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions");
            builderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions");
            binder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationBinder");
            configurationSection = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfigurationSection");
            optionsMonitor = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsMonitor`1");
            optionsSnapshot = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsSnapshot`1");

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
            var section = NamedRead(property, bound, value, cancellationToken, out var isNamedRead)
                ?? (isNamedRead ? null : bound.Section(property.OriginalDefinition.ContainingType));
            return section != null && !writes.IsAssigned(property, cancellationToken)
                ? section + ":" + (symbols.ConfigurationKeyName(property.OriginalDefinition) ?? property.Name)
                : null;
        }

        private Bindings Sections(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref sections) is { } known)
            {
                return known;
            }

            var found = BoundSections(cancellationToken);
            return Interlocked.CompareExchange(ref sections, found, null) ?? found;
        }

        /// <summary>
        /// The section each settings type is bound from (null for a type bound so that no one section is known), and the
        /// section of each named options instance (BoundOptionsKeyPaths.NamedOptions.cs).
        /// </summary>
        private Bindings BoundSections(CancellationToken cancellationToken)
        {
            var bound = new Bindings();
            foreach (var invocation in SourceBodies.InvocationsNamed(compilation, BindNames, cancellationToken))
            {
                if (BoundType(invocation) is { } type)
                {
                    if (IsNamed(invocation, out var name))
                    {
                        bound.AddNamed(type.OriginalDefinition, name, SectionOf(invocation, cancellationToken));
                    }
                    else
                    {
                        bound.Add(type.OriginalDefinition, SectionOf(invocation, cancellationToken));
                    }
                }
                else if (BinderBinding(invocation, cancellationToken) is { } binding)
                {
                    bound.Add(binding.Type.OriginalDefinition, binding.Section);
                }
            }

            foreach (var binding in GotSettings(cancellationToken))
            {
                bound.Add(binding.Type.OriginalDefinition, binding.Section);
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

        private string? SectionOf(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            string? section = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "configSectionPath":
                        section = argument.Value.ConstantValue.Value as string;
                        break;
                    case "config":
                        // A whole configuration ("") binds top-level keys, not one section's: no path.
                        section = SectionPathOf(argument.Value, cancellationToken);
                        break;
                }
            }

            return string.IsNullOrEmpty(section) ? null : section;
        }
    }
}
