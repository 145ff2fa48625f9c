using System.Text.RegularExpressions;

namespace AiLint.Tool.Bom;

/// <summary>What AiLint knows about a model id: pinned to a snapshot or floating, and its deprecation status.</summary>
/// <param name="Pinned">True for a dated snapshot, false for an alias that moves, null when unknown.</param>
/// <param name="Deprecation">The provider's deprecation or retirement note, or null when none is known.</param>
internal sealed record ModelFacts(bool? Pinned, string? Deprecation);

/// <summary>
/// HOOK for the model table (src/AiLint.Analyzers/Rules/Models, being built separately): when it lands, implement
/// this interface over it and pass it to <see cref="AiBomBuilder"/> in place of <see cref="NamingModelCatalog"/>;
/// the BOM writers already emit whatever <see cref="ModelFacts"/> it returns.
/// </summary>
internal interface IModelCatalog
{
    ModelFacts? Describe(string? provider, string modelId);
}

/// <summary>
/// The stand-in until the model table lands: a dated suffix (gpt-4o-2024-08-06, claude-haiku-4-5-20251001) is a
/// pinned snapshot, anything else is treated as floating; no deprecation data.
/// </summary>
internal sealed partial class NamingModelCatalog : IModelCatalog
{
    public static NamingModelCatalog Instance { get; } = new();

    public ModelFacts? Describe(string? provider, string modelId) => new(DatedSuffix().IsMatch(modelId), null);

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DatedSuffix();
}
