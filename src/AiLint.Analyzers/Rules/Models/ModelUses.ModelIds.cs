using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Reading the value at a model slot: a constant, each branch of a fallback, a choice or a switch, a configuration
    /// default, a helper's returns, a settings default.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>Reports AIL0501-AIL0503 on a model id the table knows; returns its row (null for unknown or non-constant ids).</summary>
        private ModelRow? CheckModelId(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            // A fallback (`Environment.GetEnvironmentVariable("MODEL") ?? "gpt-4o"`) or a choice (`large ? "gpt-4o" :
            // "gpt-4o-mini"`): each constant branch is the id the app sends on some path, so each is checked. Which one
            // a request gets is not certain, so no row is returned and sampling settings are not linked to either.
            switch (ModelIdValue.Unwrap(value))
            {
                case ICoalesceOperation coalesce:
                    // The left side is the id whenever it is not null, read as it is read alone: `opt.Model ?? "gpt-4o-2024-08-06"`
                    // with `public string? Model { get; set; } = "gpt-4o";` sends the settings default (FelderBot, review68).
                    CheckModelId(coalesce.Value, report, cancellationToken);
                    // `configuration["OpenAI:Model"] ?? "gpt-4o"` with OpenAI:Model set in appsettings.json: the
                    // fallback never runs there, and the value in the file is checked instead. Nor does it run when
                    // flow analysis proves the left side not null at the `??` (a guard returned or threw before it).
                    if (!IsConfiguredKey(coalesce.Value) && !NeverNullFallbacks.IsDead(coalesce, cancellationToken)
                        && !NeverNullFallbacks.FollowsAConfiguredSetting(coalesce, symbols, isConfigured, cancellationToken))
                    {
                        CheckModelId(coalesce.WhenNull, report, cancellationToken);
                    }

                    return null;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !conditional.ConstantValue.HasValue:
                    // `string.IsNullOrEmpty(configured) ? "gpt-4o" : configured` with the key set in appsettings: the
                    // constant is a fallback that never runs there, like `configured ?? "gpt-4o"`.
                    if (IsConfiguredKeyRead(conditional.WhenTrue, cancellationToken) || IsConfiguredKeyRead(whenFalse, cancellationToken))
                    {
                        return null;
                    }

                    // Unless the slot's own branch decides the condition (`provider == Provider.Azure ? ... : openAI...`).
                    var taken = SlotGuards.Evaluate(conditional.Condition, slot, cancellationToken);
                    if (taken != false)
                    {
                        CheckModelId(conditional.WhenTrue, report, cancellationToken);
                    }

                    if (taken != true)
                    {
                        CheckModelId(whenFalse, report, cancellationToken);
                    }

                    return null;
                case ISwitchExpressionOperation choice:
                    // `tier switch { Tier.Fast => "gpt-4o-mini", _ => "o3" }`: like a conditional, each arm on some path,
                    // except arms the slot's branch rules out (a provider switch read where the provider is known).
                    var reachable = System.Linq.Enumerable.ToList(SlotGuards.ReachableArms(choice, slot, cancellationToken));
                    foreach (var arm in reachable)
                    {
                        // With more than one arm left, arms that spell their enum member's model are a catalog (ModelNameArms).
                        if (reachable.Count == 1 || !((ModelIdValue.Fold(arm.Value, cancellationToken) ?? symbols.SdkModelEnumId(arm.Value)) is { } armId && ModelNameArms.IsTranslation(arm, armId)))
                        {
                            CheckModelId(arm.Value, report, cancellationToken);
                        }
                    }

                    return null;
                case IInvocationOperation invocation when symbols.ConfigurationDefault(invocation) is { } configurationDefault:
                    // configuration.GetValue("OpenAI:Model", "gpt-4o"): the default is a fallback, like `?? "gpt-4o"`.
                    if (!IsConfiguredKey(invocation))
                    {
                        CheckModelId(configurationDefault, report, cancellationToken);
                    }

                    return null;
                case IInvocationOperation described when symbols.EnumAttributes.Of(described, cancellationToken) is { } attributeId:
                    // AIModel.Gpt4o.GetDescription() over [Description("gpt-4o")] Gpt4o (EnumAttributeIds): reported at the
                    // attribute's argument, where the fix goes, once, when the enum is in this file; else at the call (a
                    // diagnostic stays in the file being analysed). Like a helper's return, not linked to sampling settings.
                    if (table.Find(attributeId.Id) is { } describedRow)
                    {
                        ReportWhereWritten(describedRow, attributeId.Id, attributeId.Written, value.Syntax, value.Syntax, report);
                    }

                    return null;
                case IInvocationOperation helper when HelperReturnIds.Of(helper, symbols, cancellationToken) is { Count: > 0 } returned:
                    // client.GetChatClient(ModelFor(tier)): each id the helper can return, reported at the call.
                    foreach (var returnedId in System.Linq.Enumerable.Distinct(returned))
                    {
                        if (table.Find(returnedId) is { } returnedRow
                            && ModelIdDiagnostics.Create(returnedRow, returnedId, value.Syntax.GetLocation(), table.CompiledOn) is { } fromHelper)
                        {
                            report(fromHelper);
                        }
                    }

                    return null;
            }

            if ((ModelIdValue.Fold(value, cancellationToken) ?? symbols.SdkModelEnumId(value)) is not { } id)
            {
                // `new ChatClient(options.Model, key)` with `public string Model { get; set; } = "gpt-4o";`: the
                // settings default is the id whenever configuration does not override it. Reported at the read, like
                // a constant; configuration may replace it, so sampling settings are not linked to it.
                // A key of the same name in appsettings*.json overrides the default, and that value is checked there.
                // A settings class of a referenced library: its default as the library's summary recorded it. A default
                // taken from a community SDK's catalog (Betalgo's `= Models.Gpt_4`) is read as at a slot.
                if (UnconfiguredSettingsDefault(value, cancellationToken) is { } fallback
                    && table.Find(fallback) is { } fallbackRow
                    && ModelIdDiagnostics.Create(fallbackRow, fallback, value.Syntax.GetLocation(), table.CompiledOn) is { } fromDefault)
                {
                    report(fromDefault);
                }

                CheckLinkedSettingsValue(value, report, cancellationToken);
                CheckConfigureWrites(value, report, cancellationToken);
                CheckParameterDefault(value, report, cancellationToken);
                CheckLocalInitializer(value, report, cancellationToken);
                CheckConstructorField(value, report, cancellationToken);
                CheckDictionaryValues(value, report, cancellationToken);
                CheckRecordArguments(value, report, cancellationToken);
                return null;
            }

            if (table.Find(id) is not { } row)
            {
                return null;
            }

            if (ModelIdDiagnostics.Create(row, id, value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }

            return row;
        }

        /// <summary>
        /// <c>new ChatOptions { ModelId = "claude-opus-4-1" }</c>: a constant id of a provider other than OpenAI. An
        /// OpenAI-compatible server the project also talks to keeps its own names for OpenAI's ids ("gpt-4" as a local
        /// alias), which is why provider-neutral requests are not checked in such a project; a Claude or Gemini id is that
        /// provider's model wherever a gateway forwards it, so it is checked.
        /// </summary>
        private bool NamesAnotherProvidersModel(IOperation value, System.Threading.CancellationToken cancellationToken) =>
            ModelIdValue.Fold(value, cancellationToken) is { } id && table.Find(id) is { Provider: not "openai" };

        /// <summary>
        /// <c>GetChatClient(settings.ChatCompletionModelName)</c>: the value the settings files give the bound property's
        /// key, checked in the file when the file check does not read that key by its name (<see cref="LinkedSettingsValues"/>).
        /// </summary>
        private void CheckLinkedSettingsValue(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (linkedValues == null || ModelIdValue.BoundSettingsProperty(value, cancellationToken) is not { } property)
            {
                return;
            }

            linkedValues.Check(property.Name, table, report);
            if (symbols.ConfigurationKeyName(property) is { } boundKey)
            {
                linkedValues.Check(boundKey, table, report);
            }
        }

        /// <summary>Whether a value reads, directly or through an untouched local, a configuration key the settings files set.</summary>
        private bool IsConfiguredKeyRead(IOperation value, System.Threading.CancellationToken cancellationToken) =>
            HelperReturnIds.ConfigurationRead(value, symbols, cancellationToken) is { Length: > 0 } key && isConfigured(key);

        /// <summary>Whether a value reads a configuration key that the project's settings files set.</summary>
        private bool IsConfiguredKey(IOperation value) =>
            symbols.ConfigurationKey(value) is { Length: > 0 } key && isConfigured(key);
    }
}
