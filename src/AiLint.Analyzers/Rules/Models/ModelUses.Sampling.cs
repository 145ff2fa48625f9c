using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What links a member's sampling settings (AIL0504/AIL0505) to a model: the clients its options go to, the chat
    /// service a kernel registered, and option clones that inherit their source's values.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private void CheckSampling(System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            InheritClonedValues(cancellationToken);
            if (samplingOf == null)
            {
                return;
            }

            LinkOptionsToClients(cancellationToken);
            LinkSettingsToTheRegisteredModel(cancellationToken);
            foreach (var entry in samplingOf)
            {
                if (modelOf != null && modelOf.TryGetValue(entry.Key, out var row))
                {
                    SamplingRules.Check(row, WithoutCleared(entry.Key, entry.Value), report, cancellationToken);
                }
            }
        }

        private void RememberClone(IInvocationOperation invocation)
        {
            if (!symbols.IsOptionsClone(invocation))
            {
                return;
            }

            foreach (var key in KeysOfCreated(invocation))
            {
                if (key is ILocalSymbol copy)
                {
                    (Clones ??= new List<(ILocalSymbol Copy, IInvocationOperation Call)>()).Add((copy, invocation));
                }
            }
        }

        /// <summary>
        /// <c>var options = Defaults.Clone(); options.ModelId = "o4-mini";</c>: the copy carries the sampling values
        /// its source was written with (a local of this member, or a readonly field or get-only property, see
        /// <see cref="ClonedOptions"/>), and the source's model when the member gives the copy none. A property the
        /// member writes on the copy again (<c>options.Temperature = null</c>) replaces the inherited value. Reported
        /// at the copying call: the source may be shared by requests to other models.
        /// </summary>
        private void InheritClonedValues(System.Threading.CancellationToken cancellationToken)
        {
            if (Clones == null)
            {
                return;
            }

            foreach (var (copy, call) in Clones)
            {
                if (call.Instance == null || call.SemanticModel?.Compilation is not { } compilation)
                {
                    continue;
                }

                var inherited = new List<(string Property, ISimpleAssignmentOperation Assignment)>();
                switch (ModelIdValue.Unwrap(call.Instance))
                {
                    case ILocalReferenceOperation { Local: var local }:
                        if (samplingOf != null && samplingOf.TryGetValue(local, out var localSettings))
                        {
                            foreach (var setting in localSettings)
                            {
                                inherited.Add((setting.Property, setting.Assignment));
                            }
                        }

                        if (modelOf != null && modelOf.TryGetValue(local, out var localModel) && !Writes(ModelWritten, copy) && !modelOf.ContainsKey(copy))
                        {
                            modelOf[copy] = localModel;
                        }

                        break;
                    case IFieldReferenceOperation { Field: var field }:
                        inherited.AddRange(ClonedOptions.WrittenOn(field, compilation, cancellationToken));
                        break;
                    case IPropertyReferenceOperation { Property: var property }:
                        inherited.AddRange(ClonedOptions.WrittenOn(property, compilation, cancellationToken));
                        break;
                }

                List<SamplingSetting>? own = null;
                samplingOf?.TryGetValue(copy, out own);
                var added = new List<SamplingSetting>();
                foreach (var (property, assignment) in inherited)
                {
                    if (assignment.Target is IPropertyReferenceOperation target && KnownModelSymbols.IsModelProperty(target.Property))
                    {
                        if (!Writes(ModelWritten, copy) && (modelOf == null || !modelOf.ContainsKey(copy))
                            && ModelIdValue.Fold(assignment.Value, cancellationToken) is { } id && table.Find(id) is { } row)
                        {
                            SetModel(copy, row);
                        }
                    }
                    else if (SamplingRules.ApiName(property) != null && (own == null || !own.Exists(setting => setting.Property == property)))
                    {
                        added.Add(new SamplingSetting(property, assignment, call.Syntax.GetLocation()));
                    }
                }

                if (added.Count > 0)
                {
                    samplingOf ??= new Dictionary<object, List<SamplingSetting>>(KeyComparer.Instance);
                    if (own == null)
                    {
                        samplingOf[copy] = added;
                    }
                    else
                    {
                        own.AddRange(added);
                    }
                }
            }
        }

        private static bool Writes(HashSet<object>? written, object key) => written != null && written.Contains(key);

        /// <summary>
        /// <c>builder.AddOpenAIChatCompletion("o3-mini", key)</c> and <c>new OpenAIPromptExecutionSettings { Temperature = 0.7 }</c>
        /// in the same member: with one chat completion service registered there, the kernel sends every settings object
        /// that does not pick a service itself (ModelId, ServiceId) to that model. Not when the member also reaches a
        /// kernel or chat service it did not build (a parameter, a field): the settings may go there, unless the
        /// project registers exactly one chat service with DI (<see cref="ProjectRegisteredModel"/>), which then
        /// serves every kernel DI hands out.
        /// </summary>
        private void LinkSettingsToTheRegisteredModel(System.Threading.CancellationToken cancellationToken)
        {
            if (KernelSettings == null || kernelRegistrations > 1)
            {
                return;
            }

            var model = kernelRegistrations == 1 && !UsesKernelFromElsewhere ? RegisteredModel : ProjectRegisteredModel(cancellationToken);
            if (model == null)
            {
                return;
            }

            modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance);
            foreach (var key in KernelSettings)
            {
                if ((RoutedSettings == null || !RoutedSettings.Contains(key)) && !modelOf.ContainsKey(key))
                {
                    modelOf[key] = model;
                }
            }
        }

        /// <summary>
        /// The model of the project's only chat service registration on DI (<c>builder.Services.AddOpenAIChatCompletion("o3-mini", key)</c>
        /// in Program.cs), for settings a handler or controller sends to the <c>Kernel</c> DI gives it. Only a constant
        /// id the table knows, for OpenAI itself: an Azure deployment, another server, a configured id give none.
        /// </summary>
        private ModelRow? ProjectRegisteredModel(System.Threading.CancellationToken cancellationToken)
        {
            if (symbols.SoleChatRegistration(cancellationToken) is not { } registration
                || AzureDeployments.TakesDeployment(registration, symbols, cancellationToken)
                || OtherEndpoints.SendsElsewhere(registration, symbols, cancellationToken))
            {
                return null;
            }

            foreach (var argument in registration.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && KnownModelSymbols.IsModelParameter(argument.Parameter)
                    && ModelIdValue.Fold(argument.Value, cancellationToken) is { } id)
                {
                    return table.Find(id);
                }
            }

            return null;
        }

        /// <summary>
        /// Options passed to a call on a client whose model is known: <c>client.CompleteChat(messages, options)</c>
        /// where <c>client</c> came from <c>new ChatClient("o3-mini", ...)</c> or <c>GetChatClient("o3-mini")</c>.
        /// </summary>
        private void LinkOptionsToClients(System.Threading.CancellationToken cancellationToken)
        {
            if (CallsWithOptions is not { } calls)
            {
                return;
            }

            foreach (var call in calls)
            {
                if (ClientOf(call, cancellationToken) is not { } row)
                {
                    continue;
                }

                modelOf ??= new Dictionary<object, ModelRow>(KeyComparer.Instance);
                var arguments = call is IInvocationOperation invocation ? invocation.Arguments : ((IObjectCreationOperation)call).Arguments;
                foreach (var argument in arguments)
                {
                    foreach (var options in OptionsIn(argument.Value))
                    {
                        var key = KeyOf(options);
                        if (!modelOf.ContainsKey(key))
                        {
                            modelOf[key] = row;
                        }

                        RememberCleared(key, call, cancellationToken);
                    }
                }
            }
        }

        /// <summary>
        /// The model of the client a call sends its options to: the receiver of an invocation (or of an extension
        /// method, <c>chatClient.AsAIAgent(options)</c>), or the client a constructor wraps
        /// (<c>new ChatClientAgent(chatClient, options)</c>: its first argument).
        /// </summary>
        private ModelRow? ClientOf(IOperation call, System.Threading.CancellationToken cancellationToken)
        {
            var receiver = call switch
            {
                IInvocationOperation invocation => invocation.Instance
                    ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
                IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                _ => null,
            };
            return receiver == null ? null : ModelOfClient(ModelIdValue.Unwrap(receiver), cancellationToken);
        }

        /// <summary>
        /// The model of a client: created in this member with a known id, or kept in a <c>readonly</c> field that its
        /// type writes once with a client for a known id (<see cref="ClientFields"/>).
        /// </summary>
        private ModelRow? ModelOfClient(IOperation receiver, System.Threading.CancellationToken cancellationToken)
        {
            if (modelOf != null && modelOf.TryGetValue(KeyOf(receiver), out var row))
            {
                return row;
            }

            // AIAgent agent = new ChatClientAgent(chatClient, ...); agent.RunAsync(..., runOptions): the agent's client.
            if (receiver is ILocalReferenceOperation { Local: var agent } && symbols.IsAgent(agent.Type) && InitializerInTree(receiver, agent) is { } initial
                && ModelIdValue.Unwrap(initial) is IObjectCreationOperation { Arguments.Length: > 0 } creation && symbols.IsChatClientAgent(creation.Type))
            {
                return ModelOfClient(ModelIdValue.Unwrap(creation.Arguments[0].Value), cancellationToken);
            }

            return receiver is IFieldReferenceOperation { Field: var field } && receiver.SemanticModel?.Compilation is { } compilation
                ? ClientFields.ModelOf(field, table, symbols, compilation, cancellationToken)
                : null;
        }
    }
}
