using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiLint.Analyzers.Razor;
using AiLint.Analyzers.Schema;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Rules.Schema
{
    /// <summary>
    /// Checks [LlmSchema] types: AIL0402 (must be partial, with its containing types), AIL0401 (a construct a targeted
    /// provider cannot express) and AIL0403 (a documented provider limit exceeded). The shape analysis is the
    /// generator's own (src/AiLint.Generators/Schema/, linked into this assembly), so what is reported is exactly what is generated.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LlmSchemaAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0401, Descriptors.AIL0402, Descriptors.AIL0403);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(RazorAwareAnalysisContext.GeneratedCode);
            context = RazorAwareAnalysisContext.Wrap(context);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = SchemaKnownSymbols.Create(start.Compilation);
                if (known.LlmSchemaAttribute is null)
                {
                    return;
                }

                start.RegisterSymbolAction(TooDeepInputs.Skipped((SymbolAnalysisContext symbolContext) => AnalyzeType(symbolContext, known)), SymbolKind.NamedType);
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, SchemaKnownSymbols known)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (FindLlmSchemaAttribute(type, known.LlmSchemaAttribute) is not { } attribute)
            {
                return;
            }

            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                return;
            }

            var typeLocation = declaration.Identifier.GetLocation();
            var displayName = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            if (!declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0402, typeLocation, displayName));
            }

            var (_, providers) = SchemaShapeReader.ReadAttribute(attribute);
            if (type.IsGenericType)
            {
                // The generator emits nothing for generic types: a schema describes one closed shape.
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0401, typeLocation, providers.Names(), displayName, "a generic [LlmSchema] type has no single schema; declare a closed type per shape"));
                return;
            }

            var symbolsById = new Dictionary<string, INamedTypeSymbol>();
            var shape = SchemaShapeReader.Read(type, attribute, known, symbolsById);
            foreach (var issue in ProviderRules.FindInexpressible(shape))
            {
                var targeted = issue.Providers & shape.Providers;
                if (targeted == SchemaProviders.None)
                {
                    continue;
                }

                var owner = symbolsById.TryGetValue(issue.ObjectId, out var ownerSymbol) ? ownerSymbol : type;
                var member = issue.PropertyName is null ? null : FindProperty(owner, issue.PropertyName);
                var location = member?.Locations.FirstOrDefault(l => l.IsInSource) ?? (issue.PropertyName is null ? owner.Locations.FirstOrDefault(l => l.IsInSource) : null) ?? typeLocation;
                var what = owner.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + (issue.PropertyName is null ? string.Empty : "." + issue.PropertyName);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0401, location, targeted.Names(), what, issue.Reason));
            }

            foreach (var provider in SchemaProvidersExtensions.Each)
            {
                // A provider without a documented limit (Gemini today) cannot get an AIL0403: its schema, written
                // only for the statistics, is not written at all.
                if ((shape.Providers & provider) == 0 || !HasLimit(provider))
                {
                    continue;
                }

                var statistics = SchemaJsonWriter.Write(shape, provider).Statistics;
                foreach (var limit in ProviderLimits.All)
                {
                    var actual = statistics.Get(limit.Kind);
                    if (limit.Provider == provider && actual > limit.Maximum)
                    {
                        var detail = "has " + actual.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + limit.What
                            + ", over the limit of " + limit.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0403, typeLocation, provider.Name(), displayName, detail));
                    }
                }
            }
        }

        /// <summary>
        /// The [LlmSchema] application on <paramref name="type"/>, or null. Every named type of the compilation comes
        /// through here and almost none has the attribute, so this is a plain loop: no closure, no boxed enumerator,
        /// and nothing at all for a type without attributes.
        /// </summary>
        private static AttributeData? FindLlmSchemaAttribute(INamedTypeSymbol type, INamedTypeSymbol? llmSchema)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, llmSchema))
                {
                    return attribute;
                }
            }

            return null;
        }

        private static bool HasLimit(SchemaProviders provider)
        {
            foreach (var limit in ProviderLimits.All)
            {
                if (limit.Provider == provider)
                {
                    return true;
                }
            }

            return false;
        }

        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } property)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
