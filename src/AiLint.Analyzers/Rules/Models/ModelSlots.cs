using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>What a model slot receives.</summary>
    internal enum ModelSlotKind
    {
        /// <summary>A model id: the name the provider knows the model by, which the model table describes.</summary>
        ModelId,

        /// <summary>An Azure OpenAI deployment name: the customer's own name for a deployment, not a model id.</summary>
        Deployment,
    }

    /// <summary>How the code spells a slot's value.</summary>
    internal enum ModelIdSpelling
    {
        /// <summary>A string the compiler folds (literal, <c>const</c>) or a <c>static readonly</c> field's literal (<see cref="ModelIdValue.Fold"/>).</summary>
        Constant,

        /// <summary>A member of an SDK model enum (Anthropic's <c>Model.ClaudeHaiku4_5</c>), converted by <see cref="ModelEnumNames"/>.</summary>
        SdkEnumMember,

        /// <summary>
        /// An entry of a community SDK's model catalog (Betalgo's <c>Models.Gpt_4</c>, OpenAI_API's <c>Model.ChatGPTTurbo</c>
        /// or <c>new Model("gpt-4")</c>), read by <see cref="KnownOlderSdkModelSymbols.CatalogId"/>.
        /// </summary>
        SdkCatalogMember,
    }

    /// <summary>One value the code writes into a model slot.</summary>
    internal sealed class ModelSlotUse
    {
        public ModelSlotUse(ISymbol member, IParameterSymbol? parameter, ModelSlotKind kind, string id, ModelIdSpelling spelling, IOperation value)
        {
            Member = member;
            Parameter = parameter;
            Kind = kind;
            Id = id;
            Spelling = spelling;
            Value = value;
        }

        /// <summary>The SDK method or constructor whose argument it is, or the SDK property it is assigned to.</summary>
        public ISymbol Member { get; }

        /// <summary>The parameter it is bound to; null for a property.</summary>
        public IParameterSymbol? Parameter { get; }

        public ModelSlotKind Kind { get; }

        /// <summary>The id (or deployment name) exactly as the code writes it.</summary>
        public string Id { get; }

        public ModelIdSpelling Spelling { get; }

        /// <summary>The value operation (its syntax is where the id is written).</summary>
        public IOperation Value { get; }
    }

    /// <summary>
    /// The inventory of model slots (ailint bom): every slot AIL0501-AIL0505 check (<see cref="KnownModelSymbols"/>),
    /// read the same way, plus what a bill of materials also lists and the rules leave alone: Azure OpenAI deployment
    /// names (parameters named <c>deploymentName</c>, as deployments, never as model ids), model slots of SDKs the model
    /// table has no rows for (Azure AI Inference, OllamaSharp's <c>defaultModel</c>, Google GenAI, Mistral), and SDK
    /// model enum members of any SDK, read by naming convention (the rules read Anthropic's <c>Model</c> enum only).
    /// The community SDKs' slots the rules check (Betalgo, OpenAI_API) are read through the same
    /// <see cref="KnownOlderSdkModelSymbols"/> the rules use, when the caller passes the compilation's instance.
    /// </summary>
    internal static class ModelSlots
    {
        private static readonly ModelSlotUse[] None = Array.Empty<ModelSlotUse>();

        /// <summary>The model slots an invocation, object creation or property assignment fills with a value the code spells out.</summary>
        public static IEnumerable<ModelSlotUse> In(IOperation? operation, CancellationToken cancellationToken) => In(operation, null, cancellationToken);

        /// <summary>
        /// The same, with the community SDKs' slots and catalogs when <paramref name="olderSdks"/> is given (the rules'
        /// own recognition, <see cref="KnownModelSymbols.OlderSdks"/>); the caller decides whether those slots name
        /// model ids in the project (<see cref="KnownOlderSdkModelSymbols.ProjectSendsElsewhere"/>).
        /// </summary>
        public static IEnumerable<ModelSlotUse> In(IOperation? operation, KnownOlderSdkModelSymbols? olderSdks, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return FromArguments(invocation.TargetMethod, invocation.Arguments, olderSdks, cancellationToken);
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    return FromArguments(constructor, creation.Arguments, olderSdks, cancellationToken);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                    when (KnownModelSymbols.IsInventoryModelProperty(property) || olderSdks?.IsModelProperty(property) == true)
                        && Read(assignment.Value, olderSdks, cancellationToken) is { } read:
                    return new[] { new ModelSlotUse(property, null, ModelSlotKind.ModelId, read.Id, read.Spelling, assignment.Value) };
                default:
                    return None;
            }
        }

        /// <summary>What a parameter receives in the inventory; null when it is not a model slot.</summary>
        public static ModelSlotKind? KindOf(IParameterSymbol? parameter)
        {
            if (KnownModelSymbols.IsModelParameter(parameter))
            {
                return ModelSlotKind.ModelId;
            }

            if (parameter == null
                || parameter.Type.SpecialType != SpecialType.System_String
                || !KnownModelSymbols.IsInventorySdkMember(parameter.ContainingSymbol)
                || KnownModelSymbols.IsResponseFactory(parameter.ContainingType))
            {
                return null;
            }

            var name = parameter.Name;
            if (string.Equals(name, "deploymentName", StringComparison.OrdinalIgnoreCase))
            {
                return ModelSlotKind.Deployment;
            }

            return string.Equals(name, "model", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "modelId", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "defaultModel", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "defaultModelId", StringComparison.OrdinalIgnoreCase)
                ? ModelSlotKind.ModelId
                : (ModelSlotKind?)null;
        }

        private static IEnumerable<ModelSlotUse> FromArguments(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, KnownOlderSdkModelSymbols? olderSdks, CancellationToken cancellationToken)
        {
            List<ModelSlotUse>? uses = null;
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && (KindOf(argument.Parameter) ?? (olderSdks?.IsModelParameter(argument.Parameter) == true ? ModelSlotKind.ModelId : null)) is { } kind
                    && Read(argument.Value, olderSdks, cancellationToken) is { } read)
                {
                    (uses ??= new List<ModelSlotUse>(1)).Add(new ModelSlotUse(method, argument.Parameter, kind, read.Id, read.Spelling, argument.Value));
                }
            }

            return (IEnumerable<ModelSlotUse>?)uses ?? None;
        }

        /// <summary>
        /// The id a value spells out: what the rules fold (<see cref="ModelIdValue.Fold"/>) when it is not blank, or a
        /// member of an enum declared in an SDK, or an entry of a community SDK's catalog; null otherwise
        /// (configuration, parameters, computed strings).
        /// </summary>
        private static (string Id, ModelIdSpelling Spelling)? Read(IOperation value, KnownOlderSdkModelSymbols? olderSdks, CancellationToken cancellationToken)
        {
            if (olderSdks?.CatalogId(value, cancellationToken) is { } catalogued)
            {
                // Before Fold: `new Model("gpt-4")` and OpenAI_API's Model.ChatGPTTurbo are the catalog's, not a plain constant.
                return string.IsNullOrWhiteSpace(catalogued) ? null : (catalogued, ModelIdSpelling.SdkCatalogMember);
            }

            if (ModelIdValue.Fold(value, cancellationToken) is { } text)
            {
                return string.IsNullOrWhiteSpace(text) ? null : (text, ModelIdSpelling.Constant);
            }

            if (ModelIdValue.Unwrap(value) is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field }
                && KnownModelSymbols.IsInventorySdkMember(field))
            {
                return (ModelEnumNames.ToModelId(field.Name), ModelIdSpelling.SdkEnumMember);
            }

            return null;
        }
    }
}
