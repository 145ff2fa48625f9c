using System.Text.RegularExpressions;

namespace AiLint.Tool.Bom;

/// <summary>What AiLint knows about a model id: pinned to a snapshot or floating, and its deprecation status.</summary>
/// <param name="Pinned">True for a dated snapshot, false for an alias that moves, null when unknown.</param>
/// <param name="Deprecation">The provider's deprecation or retirement note, or null when none is known.</param>
internal sealed record ModelFacts(bool? Pinned, string? Deprecation);

/// <summary>What the BOM says about a model id; <see cref="ShippedTableModelCatalog"/> is the one the tool uses.</summary>
internal interface IModelCatalog
{
    ModelFacts? Describe(string? provider, string modelId);
}

/// <summary>
/// The fallback for ids the model table does not list: a dated suffix (gpt-4o-2024-08-06, claude-haiku-4-5-20251001) is a
/// pinned snapshot, anything else is treated as floating; no deprecation data.
/// </summary>
internal sealed partial class NamingModelCatalog : IModelCatalog
{
    public static NamingModelCatalog Instance { get; } = new();

    public ModelFacts? Describe(string? provider, string modelId) => new(DatedSuffix().IsMatch(modelId), null);

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DatedSuffix();
}

/// <summary>
/// The model table the analyzers ship (AIL0501–AIL0503): alias or snapshot, and the deprecation or shutdown the
/// provider announced, as of the table's compile date so the BOM is the same on any day. Ids the table does not list
/// fall back to <see cref="NamingModelCatalog"/>. Azure deployment names are not model ids and get no facts.
/// </summary>
internal sealed class ShippedTableModelCatalog : IModelCatalog
{
    public static ShippedTableModelCatalog Instance { get; } = new();

    public ModelFacts? Describe(string? provider, string modelId)
    {
        if (provider == "azure-openai")
        {
            return NamingModelCatalog.Instance.Describe(provider, modelId);
        }

        foreach (var row in AiLint.Analyzers.Rules.Models.ShippedModelTable.Rows)
        {
            if ((provider is null || string.Equals(row.Provider, provider, StringComparison.OrdinalIgnoreCase))
                && string.Equals(row.Id, modelId, StringComparison.OrdinalIgnoreCase))
            {
                return new ModelFacts(!row.IsAlias, Status(row));
            }
        }

        return NamingModelCatalog.Instance.Describe(provider, modelId);
    }

    private static string? Status(AiLint.Analyzers.Rules.Models.ModelRow row)
    {
        var compiledOn = AiLint.Analyzers.Rules.Models.ShippedModelTable.CompiledOn;
        if (row.IsRetiredAsOf(compiledOn))
        {
            return $"retired (shutdown {row.ShutdownDate}, per {row.Source})";
        }

        if (row.ShutdownDate is not null)
        {
            return $"deprecated (shutdown {row.ShutdownDate}, per {row.Source})";
        }

        return row.DeprecationDate is not null ? $"deprecated {row.DeprecationDate} (per {row.Source})" : null;
    }
}
