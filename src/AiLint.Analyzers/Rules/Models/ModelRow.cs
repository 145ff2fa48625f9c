namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// One row of the model table (contract.md, "Model table"): what AiLint knows about one model id of one provider.
    /// Dates are ISO <c>yyyy-MM-dd</c> strings, which compare correctly as ordinal strings. Null means "not confirmed".
    /// </summary>
    internal sealed class ModelRow
    {
        public ModelRow(
            string provider,
            string id,
            bool isAlias = false,
            string? snapshot = null,
            bool isReasoning = false,
            string? deprecationDate = null,
            string? shutdownDate = null,
            string? successor = null,
            bool rejectsTemperatureWithTopP = false,
            string? source = null,
            bool isUserRow = false)
        {
            Provider = provider;
            Id = id;
            IsAlias = isAlias;
            Snapshot = snapshot;
            IsReasoning = isReasoning;
            DeprecationDate = deprecationDate;
            ShutdownDate = shutdownDate;
            Successor = successor;
            RejectsTemperatureWithTopP = rejectsTemperatureWithTopP;
            Source = source;
            IsUserRow = isUserRow;
        }

        /// <summary><c>openai</c>, <c>anthropic</c>, <c>gemini</c> (lowercase), or any provider a user file names.</summary>
        public string Provider { get; }

        public string Id { get; }

        /// <summary>The id floats: the provider may point it at a new snapshot at any time.</summary>
        public bool IsAlias { get; }

        /// <summary>For an alias, the dated snapshot it points to when the table was compiled, if confirmed.</summary>
        public string? Snapshot { get; }

        /// <summary>A reasoning model: rejects temperature, top_p, penalties and logprobs other than their defaults.</summary>
        public bool IsReasoning { get; }

        /// <summary>The date the provider announced the deprecation.</summary>
        public string? DeprecationDate { get; }

        /// <summary>The announced shutdown (retirement) date; after it, calls fail.</summary>
        public string? ShutdownDate { get; }

        /// <summary>The id the provider recommends instead (in a <see cref="IsUserRow"/>, the one the project names).</summary>
        public string? Successor { get; }

        /// <summary>The model rejects a request that sets both temperature and top_p.</summary>
        public bool RejectsTemperatureWithTopP { get; }

        /// <summary>The provider page the row's facts come from.</summary>
        public string? Source { get; }

        /// <summary>
        /// The row comes from the project's own model table file (<c>*.ailint-models.json</c>), not the shipped table: its
        /// facts, the successor included, are the project's, and messages must not attribute them to the provider.
        /// </summary>
        public bool IsUserRow { get; }

        /// <summary>
        /// For an alias, the table's row for <see cref="Snapshot"/> when that snapshot has a shutdown date of its own
        /// (set by <see cref="ModelTable"/> once the shipped and user rows are merged). Such a snapshot is no pin to
        /// recommend: AIL0501 names its shutdown instead and offers no fix.
        /// </summary>
        public ModelRow? EndingSnapshot { get; private set; }

        /// <summary>A copy of this alias row that knows its snapshot's row has a shutdown date.</summary>
        internal ModelRow WithEndingSnapshot(ModelRow snapshotRow) =>
            new ModelRow(Provider, Id, IsAlias, Snapshot, IsReasoning, DeprecationDate, ShutdownDate, Successor, RejectsTemperatureWithTopP, Source, IsUserRow)
            {
                EndingSnapshot = snapshotRow,
            };

        /// <summary>Retired: the shutdown date is on or before the table's compile date (so the answer never depends on today).</summary>
        public bool IsRetiredAsOf(string compiledOn) =>
            ShutdownDate != null && string.CompareOrdinal(ShutdownDate, compiledOn) <= 0;

        /// <summary>
        /// The one classification of an id on a given day (the table's compile date), shared by AIL0501-AIL0503 and
        /// ailint bom: retired when the shutdown date is on or before it, deprecated when a shutdown date is announced
        /// for later, otherwise an alias (it floats) or a snapshot. A deprecation date without a shutdown date does not
        /// make an id deprecated: nothing fails until a shutdown is announced.
        /// </summary>
        public ModelIdStatus StatusAsOf(string date) =>
            IsRetiredAsOf(date) ? ModelIdStatus.Retired
            : ShutdownDate != null ? ModelIdStatus.Deprecated
            : IsAlias ? ModelIdStatus.Alias
            : ModelIdStatus.Snapshot;
    }

    /// <summary>What the model table says about an id on a given day; see <see cref="ModelRow.StatusAsOf"/>.</summary>
    internal enum ModelIdStatus
    {
        /// <summary>A fixed id with no announced shutdown: nothing to report.</summary>
        Snapshot,

        /// <summary>The id floats (AIL0501).</summary>
        Alias,

        /// <summary>A shutdown is announced for a later day (AIL0502).</summary>
        Deprecated,

        /// <summary>The shutdown day has passed (AIL0503).</summary>
        Retired,
    }
}
