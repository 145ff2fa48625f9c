namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Where a value may come from: a client source (its description) and/or parameters of the method being summarised
    /// (a bit per ordinal; ordinals from 64 on are not tracked).
    /// </summary>
    internal readonly struct ClientTaint
    {
        public static readonly ClientTaint None = default;

        public ClientTaint(string? source, ulong parameters)
        {
            Source = source;
            Parameters = parameters;
        }

        public string? Source { get; }

        public ulong Parameters { get; }

        public bool IsNone => Source is null && Parameters == 0;

        public static ClientTaint FromParameter(int ordinal) => ordinal < 64 ? new ClientTaint(null, 1UL << ordinal) : None;

        public ClientTaint Or(ClientTaint other) =>
            new ClientTaint(Source ?? other.Source, Parameters | other.Parameters);
    }
}
