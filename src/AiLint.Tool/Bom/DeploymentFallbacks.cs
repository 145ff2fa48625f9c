using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>
/// The Azure OpenAI deployment name a deployment slot gets by default: the constant after <c>??</c>
/// (<c>Environment.GetEnvironmentVariable("AZURE_OPENAI_DEPLOYMENT") ?? "gpt-4o-mini"</c>), written at the slot or in
/// the initializer of a local nothing writes again, the way AIL0501-AIL0503 read a model id's fallback. The rules
/// check no deployment names, so the tool reads them itself, with the rules' pieces and the rules' limits: no fallback
/// when the settings files set the key read before it, or a settings property bound from a key they set, or when
/// flow analysis proves the value before it not null (<see cref="NeverNullFallbacks"/>).
/// </summary>
internal static class DeploymentFallbacks
{
    /// <summary>The fallback constant <paramref name="value"/> may give, and the operation that writes it; null when there is none.</summary>
    public static (string Name, IOperation Written)? Of(IOperation value, KnownModelSymbols symbols, Func<string, bool> isConfigured, CancellationToken cancellationToken)
    {
        var read = ModelIdValue.Unwrap(value);
        if (read is ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_String } local }
            && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
            && value.SemanticModel?.GetOperation(initializer, cancellationToken) is { } initialValue)
        {
            read = ModelIdValue.Unwrap(initialValue);
        }

        // `a ?? b ?? "name"` is `a ?? (b ?? "name")`: the constant at the end of the chain.
        while (read is ICoalesceOperation coalesce)
        {
            if (symbols.ConfigurationKey(coalesce.Value) is { Length: > 0 } key && isConfigured(key)
                || NeverNullFallbacks.IsDead(coalesce, cancellationToken)
                || NeverNullFallbacks.FollowsAConfiguredSetting(coalesce, symbols, isConfigured, cancellationToken))
            {
                return null;
            }

            read = ModelIdValue.Unwrap(coalesce.WhenNull);
            if (ModelIdValue.Fold(read, cancellationToken) is { } name)
            {
                return string.IsNullOrWhiteSpace(name) ? null : (name, read);
            }
        }

        return null;
    }
}
