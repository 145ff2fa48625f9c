using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The model slots of one member: model-id arguments of SDK calls and constructors, and model properties assigned
    /// on options and settings objects.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private void SetModel(object key, ModelRow row) =>
            (modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance))[key] = row;

        private void CheckModelArguments(IOperation owner, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // An Azure deployment name, or a model name for another OpenAI-compatible server: not in the table's terms.
            bool? notOpenAIModel = null;
            bool? sentToGemini = null;
            foreach (var argument in arguments)
            {
                // Azure.AI.OpenAI 1.0 beta's deploymentOrModelName on a client built for OpenAI's own endpoint is a model id too.
                var isModelSlot = argument.ArgumentKind != ArgumentKind.DefaultValue
                    && (IsModelParameter(argument.Parameter) || symbols.OlderSdks.AzureBeta.TakesModelId(owner, argument.Parameter, cancellationToken));
                if (symbols.IsTestProject && isModelSlot)
                {
                    // A client built here from an SDK: requests sent to it reach a provider (CheckFixtureRequests).
                    foreach (var key in KeysOfCreated(owner))
                    {
                        (RealClients ??= new HashSet<object>(KeyComparer.Instance)).Add(key);
                    }
                }

                if (isModelSlot
                    && !(notOpenAIModel ??= AzureDeployments.TakesDeployment(owner, symbols, cancellationToken)
                        || OtherEndpoints.SendsElsewhere(owner, symbols, cancellationToken)
                        || OlderSdkSendsElsewhere(argument.Parameter!.ContainingSymbol, cancellationToken))
                    && CheckModelIdAt(argument.Parameter!.ContainingSymbol, slot = argument.Value, report, cancellationToken) is { } row)
                {
                    foreach (var key in KeysOfCreated(owner))
                    {
                        SetModel(key, row);
                    }

                    if (owner is IInvocationOperation registration && KnownModelSymbols.IsChatCompletionRegistration(registration.TargetMethod))
                    {
                        RegisteredModel = row;
                    }
                }
                else if (isModelSlot && notOpenAIModel == true && (sentToGemini ??= SentToGemini(owner, cancellationToken)))
                {
                    // Another server, and visibly Gemini's OpenAI-compatible endpoint: Gemini's rows apply there.
                    CheckGeminiSlot(argument.Value, report, cancellationToken);
                }
            }
        }

        private void CheckPropertyAssignment(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (property.Property.Name is "ModelId" or "ServiceId" && IsKernelSettings(property) && KeyOfInstance(property) is { } routed)
            {
                (RoutedSettings ??= new HashSet<object>(KeyComparer.Instance)).Add(routed);
            }

            if (KnownModelSymbols.IsModelProperty(property.Property) || symbols.OlderSdks.IsModelProperty(property.Property))
            {
                slot = assignment;
                if (KeyOfInstance(property) is { } written)
                {
                    (ModelWritten ??= new HashSet<object>(KeyComparer.Instance)).Add(written);
                }

                if (symbols.IsTestProject
                    && symbols.IsProviderNeutralRequest(property.Instance == null ? property.Property.ContainingType : ModelIdValue.Unwrap(property.Instance).Type))
                {
                    // Decided when the member is done: only if the member sends the request to a real client (a request
                    // held elsewhere, `_options.ModelId = ...`, cannot be shown to go to one).
                    if (KeyOfInstance(property) is { } fixture)
                    {
                        (FixtureRequests ??= new List<(ISimpleAssignmentOperation, object)>()).Add((assignment, fixture));
                    }

                    return;
                }

                if (!AzureDeployments.IsAzureSettings(property, symbols)
                    && !OlderSdkSendsElsewhere(property.Property, cancellationToken)
                    && !(symbols.IsProviderNeutralRequest(property.Instance == null ? property.Property.ContainingType : ModelIdValue.Unwrap(property.Instance).Type)
                        && SettingsKernels.MayGoElsewhere(assignment, symbols, cancellationToken)
                        && !NamesAnotherProvidersModel(assignment.Value, cancellationToken))
                    && !AzureOnlyChatClient.NamesTheDeployment(assignment, symbols, cancellationToken)
                    && !McpSamplingHints.SentOnlyAsHint(assignment, symbols, cancellationToken)
                    && !(IsKernelSettings(property) && SettingsKernels.SentOnlyToAzureKernels(assignment, symbols, cancellationToken))
                    && CheckModelIdAt(property.Property, assignment.Value, report, cancellationToken) is { } row && KeyOfInstance(property) is { } key)
                {
                    SetModel(key, row);
                }

                return;
            }

            if (symbols.IsSamplingOptionsType(property.Property.ContainingType)
                && SamplingRules.ApiName(property.Property.Name) != null
                && KeyOfInstance(property) is { } optionsKey)
            {
                samplingOf ??= new Dictionary<object, List<SamplingSetting>>(KeyComparer.Instance);
                if (!samplingOf.TryGetValue(optionsKey, out var settings))
                {
                    settings = new List<SamplingSetting>(2);
                    samplingOf.Add(optionsKey, settings);
                }

                settings.Add(new SamplingSetting(property.Property.Name, assignment));
                if (IsKernelSettings(property))
                {
                    (KernelSettings ??= new HashSet<object>(KeyComparer.Instance)).Add(optionsKey);
                }
            }
        }

        /// <summary>A model parameter of the SDKs the family reads (<see cref="KnownModelSymbols.IsModelParameter"/>) or of a community SDK.</summary>
        private bool IsModelParameter(IParameterSymbol? parameter) =>
            KnownModelSymbols.IsModelParameter(parameter) || symbols.OlderSdks.IsModelParameter(parameter);

        /// <summary>
        /// A community SDK's slot (Betalgo, OpenAI_API) in a project that points that SDK at Azure or another server,
        /// in code (<see cref="KnownOlderSdkModelSymbols.ProjectSendsElsewhere"/>) or in the settings section Betalgo's
        /// <c>AddOpenAIService()</c> binds (<c>"BaseDomain"</c>, <c>"DeploymentId"</c>...): the id may be a deployment
        /// or another server's name.
        /// </summary>
        private bool OlderSdkSendsElsewhere(ISymbol member, System.Threading.CancellationToken cancellationToken)
        {
            if (!symbols.OlderSdks.IsOlderSdkMember(member))
            {
                return false;
            }

            foreach (var key in KnownOlderSdkModelSymbols.RedirectingSettingsKeys)
            {
                if (isConfigured(key))
                {
                    return true;
                }
            }

            return symbols.OlderSdks.ProjectSendsElsewhere(cancellationToken);
        }

        private bool IsKernelSettings(IPropertyReferenceOperation property) =>
            property.Instance != null && symbols.IsSemanticKernelOpenAISettings(ModelIdValue.Unwrap(property.Instance).Type);
    }
}
