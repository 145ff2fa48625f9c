using System.Text.RegularExpressions;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tool.Loading;

namespace AiLint.Tool.Bom;

/// <summary>What AiLint knows about a model id: pinned to a snapshot or floating, and its deprecation status.</summary>
/// <param name="Pinned">True for a snapshot, false for an alias that moves, null when unknown.</param>
/// <param name="Deprecation">The provider's deprecation or retirement note, or null when none is known.</param>
internal sealed record ModelFacts(bool? Pinned, string? Deprecation);

/// <summary>
/// What the BOM says about the model ids of one project: the model table its build reads (the shipped rows and the
/// project's own <c>*.ailint-models.json</c> rows, <see cref="ModelTable"/>), looked up exactly as AIL0501-AIL0503
/// look ids up (<see cref="ModelTable.Find"/>: exact id, any provider) and classified by the same function
/// (<see cref="ModelRow.StatusAsOf"/>) on the table's compile date, so the BOM is the same on any day and agrees with
/// the build. Ids the table does not list get <see cref="FromName"/>.
/// </summary>
internal sealed partial class ModelCatalog(ModelTable table)
{
    /// <summary>The shipped table alone.</summary>
    public static ModelCatalog Shipped { get; } = new(ModelTable.Shipped);

    /// <summary>
    /// The table a project's build reads: its <c>*.ailint-models.json</c> AdditionalFiles, or, when it lists none (it
    /// does not import AiLint's targets), the files the targets would add from the project folder.
    /// </summary>
    public static ModelCatalog ForProject(LoadedProject project, CancellationToken cancellationToken = default) =>
        new(ModelTable.FromAdditionalFiles(ProjectAdditionalFiles.ForModelRules(project.Project.AnalyzerOptions.AdditionalFiles, project.Directory), cancellationToken));

    public ModelFacts Describe(string modelId) =>
        table.Find(modelId) is { } row ? new ModelFacts(!row.IsAlias, Deprecation(row, table.CompiledOn)) : FromName(modelId);

    /// <summary>The provider of the table's row for an id (the lookup AIL0501-AIL0503 make), or null when it lists none.</summary>
    public string? ProviderOf(string modelId) => table.Find(modelId)?.Provider;

    /// <summary>
    /// For ids the model table does not list: a dated suffix (gpt-4o-2024-08-06, claude-haiku-4-5-20251001) is a pinned
    /// snapshot by the providers' naming (AIL0501 is quiet on it too); anything else is unknown (null), never floating:
    /// AIL0501 calls floating only the table's alias rows, and the BOM must not say what the build does not.
    /// </summary>
    public static ModelFacts FromName(string modelId) => new(DatedSuffix().IsMatch(modelId) ? true : null, null);

    private static string? Deprecation(ModelRow row, string asOf)
    {
        var per = row.Source is null ? string.Empty : $", per {row.Source}";
        return row.StatusAsOf(asOf) switch
        {
            ModelIdStatus.Retired => $"retired (shutdown {row.ShutdownDate}{per})",
            ModelIdStatus.Deprecated => $"deprecated (shutdown {row.ShutdownDate}{per})",

            // Not deprecated for the rules (no shutdown announced), but the announcement is a fact worth listing.
            _ when row.DeprecationDate is not null => $"deprecation announced {row.DeprecationDate} (no shutdown date{per})",
            _ => null,
        };
    }

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DatedSuffix();
}
