using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    // Named options: one settings class bound once per provider (services.Configure<AiSettings>("openai",
    // configuration.GetSection("OpenAI"))), each instance read by its name (IOptionsMonitor<AiSettings>.Get("openai")).
    internal sealed partial class BoundOptionsKeyPaths
    {
        private readonly INamedTypeSymbol? optionsMonitor;
        private readonly INamedTypeSymbol? optionsSnapshot;

        /// <summary>
        /// Whether a binding call binds a named options instance: <c>Configure&lt;T&gt;("openai", section)</c>, or
        /// <c>Bind</c>/<c>BindConfiguration</c> on <c>AddOptions&lt;T&gt;("openai")</c>. <paramref name="name"/> is the
        /// name, null when it is not a constant (then no instance of the type has a known section). The default name
        /// (<c>""</c>, <c>Options.DefaultName</c>) is the unnamed instance.
        /// </summary>
        private bool IsNamed(IInvocationOperation invocation, out string? name)
        {
            name = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "name" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return IsNamedArgument(argument.Value, out name);
                }

                // AddOptions<T>("openai").Bind(...): the builder's name, when the builder is that call (or a chain on it).
                if (argument.Parameter?.Name == "optionsBuilder")
                {
                    return BuilderName(argument.Value, out name);
                }
            }

            return false;
        }

        private static bool IsNamedArgument(IOperation value, out string? name)
        {
            name = value.ConstantValue.HasValue ? value.ConstantValue.Value as string : null;
            return name is not { Length: 0 };
        }

        // services.AddOptions<T>(name), possibly followed by other builder calls (ValidateOnStart(), Validate(...)); a
        // builder held elsewhere is taken as unnamed, as before named options were read.
        private static bool BuilderName(IOperation builder, out string? name)
        {
            name = null;
            for (var depth = 0; depth < 8 && ModelIdValue.Unwrap(builder) is IInvocationOperation call; depth++)
            {
                if (call.TargetMethod.Name == "AddOptions")
                {
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.Name == "name" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                        {
                            return IsNamedArgument(argument.Value, out name);
                        }
                    }

                    return false;
                }

                var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                if (receiver == null)
                {
                    return false;
                }

                builder = receiver;
            }

            return false;
        }

        /// <summary>
        /// The section of a property read on a named options instance: <c>monitor.Get("openai").SystemPrompt</c>, also
        /// through a local that holds <c>monitor.Get("openai")</c>. <paramref name="isNamedRead"/> tells whether the read
        /// is on such an instance at all (then the type's unnamed binding is not it); a name that is not a constant gives
        /// no section.
        /// </summary>
        private string? NamedRead(IPropertySymbol property, Bindings bound, IOperation read, CancellationToken cancellationToken, out bool isNamedRead)
        {
            isNamedRead = false;
            if (read is not IPropertyReferenceOperation { Instance: { } instance }
                || Followed(instance, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "Get", Arguments.Length: 1 } get
                || !IsOptionsAccessor(get.TargetMethod.ContainingType))
            {
                return null;
            }

            var name = get.Arguments[0].Value.ConstantValue.HasValue ? get.Arguments[0].Value.ConstantValue.Value as string : null;
            if (name is { Length: 0 })
            {
                return null; // Get(Options.DefaultName): the unnamed instance
            }

            isNamedRead = true;
            return name != null ? bound.NamedSection(property.OriginalDefinition.ContainingType, name) : null;
        }

        private bool IsOptionsAccessor(INamedTypeSymbol? type) =>
            type != null
            && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, optionsMonitor)
                || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, optionsSnapshot));

        /// <summary>The sections settings types are bound to, unnamed and by options name.</summary>
        private sealed class Bindings
        {
            private readonly Dictionary<ITypeSymbol, string?> byType = new Dictionary<ITypeSymbol, string?>(SymbolEqualityComparer.Default);

            // Per type, the section of each options name; null for a type bound under a name that is not a constant.
            private readonly Dictionary<ITypeSymbol, Dictionary<string, string?>?> byName = new Dictionary<ITypeSymbol, Dictionary<string, string?>?>(SymbolEqualityComparer.Default);

            /// <summary>The section of the type's unnamed instance, or null when no one section is known.</summary>
            public string? Section(ITypeSymbol type) => byType.TryGetValue(type, out var section) ? section : null;

            /// <summary>The section of the type's instance of <paramref name="name"/> (names compare ordinally, as the options cache does).</summary>
            public string? NamedSection(ITypeSymbol type, string name) =>
                byName.TryGetValue(type, out var names) && names != null && names.TryGetValue(name, out var section) ? section : null;

            public void Add(ITypeSymbol type, string? section) =>
                byType[type] = byType.TryGetValue(type, out var known) && !string.Equals(known, section, StringComparison.OrdinalIgnoreCase) ? null : section;

            // A named binding leaves the type no instance-free path: a read on a held instance may be any of them.
            public void AddNamed(ITypeSymbol type, string? name, string? section)
            {
                byType[type] = null;
                if (!byName.TryGetValue(type, out var names))
                {
                    byName[type] = names = new Dictionary<string, string?>(StringComparer.Ordinal);
                }

                if (name == null || names == null)
                {
                    byName[type] = null;
                    return;
                }

                names[name] = names.TryGetValue(name, out var known) && !string.Equals(known, section, StringComparison.OrdinalIgnoreCase) ? null : section;
            }
        }
    }
}
