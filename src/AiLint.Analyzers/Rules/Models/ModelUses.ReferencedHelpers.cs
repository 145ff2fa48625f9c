using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Calls of a referenced project's methods and constructors whose parameters its summary records as reaching a
    /// model slot (<see cref="ModelParameterSummary"/>): <c>new OpenAiChatService(key, "gpt-4-0613")</c>,
    /// <c>chat.AskAsync(text, model: "gpt-3.5-turbo")</c>, or <c>new OpenAiChatService(key)</c> leaving
    /// <c>string model = "gpt-4o"</c> to its default. Checked as a constant passed to a helper of the project's own is
    /// (<see cref="HelperParameterSlots.IdsPassed"/>), with the settings defaults a slot reads too.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// The ids a call hands the recorded parameters of <paramref name="target"/> (a member from metadata): each
        /// argument's constant, settings default or the constants a helper of this project returns there, reported at
        /// the argument; an omitted argument's default (read from the metadata, where optional values survive), reported
        /// at the call's argument list, as a call in another file than an interface's default is (models16). At an
        /// Anthropic slot only Anthropic ids count (<see cref="SlotProviders"/>). Not when the call hands the member an
        /// Azure client, nor in a project that sends OpenAI-style requests to another server, as for a helper of its own.
        /// </summary>
        private void CheckReferencedModelParameters(IOperation call, IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // Cheapest test first: nearly every compilation references no recorded member.
            var referenced = symbols.ReferencedParameters;
            if (referenced.IsEmpty
                || referenced.Of(target) is not { } recorded
                || call.SemanticModel?.Compilation is not { } compilation
                || SourceBodies.IsInSource(target, compilation)
                // `new StoredModelService(azureClient, "gpt-4o")`: the library's slot gets an Azure client, and the id is
                // a deployment name there (AzureOpenAIClient derives from OpenAIClient).
                || AzureDeployments.TakesDeployment(call, symbols, cancellationToken)
                // `chat.AskAsync(...)` through the library's interface, which a class of this project implements too.
                || (target.ContainingType is { TypeKind: TypeKind.Interface } contract && referenced.IsImplementedIn(contract, compilation, cancellationToken)))
            {
                return;
            }

            foreach (var argument in arguments)
            {
                // In a test project a provider-neutral request is usually a fixture for a fake client, as in-project.
                if (argument.Parameter?.OriginalDefinition is not { } parameter
                    || !recorded.TryGetValue(parameter.Ordinal, out var provider)
                    || (provider == ModelParameterSummary.Neutral && symbols.IsTestProject))
                {
                    continue;
                }

                var view = provider == ModelParameterSummary.Anthropic ? table.OfProvider(provider) : table;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    if (parameter is { HasExplicitDefaultValue: true, ExplicitDefaultValue: string id }
                        && !string.IsNullOrWhiteSpace(id)
                        && !ParameterDefaultModelIds.HasCallerInfo(parameter))
                    {
                        Report(view, id, ArgumentListOf(call.Syntax).GetLocation(), report, cancellationToken);
                    }

                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    foreach (var id in IdsPassedToReferenced(argument.Value, compilation, cancellationToken))
                    {
                        Report(view, id, argument.Value.Syntax.GetLocation(), report, cancellationToken);
                    }
                }
            }
        }

        private void Report(ModelTable view, string id, Location location, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (view.Find(id) is { } row
                && !symbols.ProjectRedirectsOpenAI(cancellationToken)
                && ModelIdDiagnostics.Create(row, id, location, table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }

        /// <summary>
        /// A constant; else the settings default a property read gives (unless the settings files set its key); else the
        /// constants a helper of this project returns. A configuration read (<c>cfg["OpenAI:Model"]</c>) gives none.
        /// </summary>
        private IEnumerable<string> IdsPassedToReferenced(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Fold(value, cancellationToken) is { } id)
            {
                return new[] { id };
            }

            if (UnconfiguredSettingsDefault(value, cancellationToken) is { } fallback)
            {
                return new[] { fallback };
            }

            return ModelIdValue.Unwrap(value) is IInvocationOperation { TargetMethod.ReturnType.SpecialType: SpecialType.System_String } helper
                && SourceBodies.IsInSource(helper.TargetMethod, compilation)
                    ? System.Linq.Enumerable.Distinct(HelperReturnIds.Of(helper, symbols, cancellationToken))
                    : Array.Empty<string>();
        }

        /// <summary>
        /// The settings default <paramref name="value"/> reads (<see cref="ModelIdValue.SettingsDefault"/>, or a referenced
        /// library's as its summary recorded it), unless the settings files give the property's key a value: that value is
        /// then the id, checked in the file.
        /// </summary>
        private string? UnconfiguredSettingsDefault(IOperation value, CancellationToken cancellationToken) =>
            (ModelIdValue.SettingsDefault(value, cancellationToken, symbols.SdkModelEnumId) ?? Summaries.SettingsModelDefaults.ReferencedDefault(value)) is { } fallback
            && !(ModelIdValue.Unwrap(value) is IPropertyReferenceOperation settings
                && (isConfigured(settings.Property.Name) || symbols.ConfigurationKeyName(settings.Property) is { } boundKey && isConfigured(boundKey)))
            && ConfigureWritesOf(value, cancellationToken) == null // an options lambda writes it (ModelUses.ConfigureWrites)
                ? fallback
                : null;

        // `chat.AskAsync(text)` → `(text)`; `new OpenAiChatService(key)` → `(key)`; `new OpenAiChatService { }` → the creation.
        private static SyntaxNode ArgumentListOf(SyntaxNode call) =>
            call switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList,
                BaseObjectCreationExpressionSyntax { ArgumentList: { } list } => list,
                _ => call,
            };
    }
}
