namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>Keys of the facts the span analyzers pass to their code fixes through <c>Diagnostic.Properties</c>.</summary>
    internal static class SpanDiagnosticProperties
    {
        /// <summary>AIL0101: the span API type of the sink ("Activity", "ActivitySource", "ActivityEvent", "Tracer", "TelemetrySpan"); absent when the value reaches the sink through a helper (no fix).</summary>
        public const string SinkType = "SinkType";

        /// <summary>AIL0101: the <see cref="SinkRole"/> of the sink.</summary>
        public const string Role = "Role";

        /// <summary>AIL0101: "DateTime" or "DateTimeOffset", the type the sink's parameter takes.</summary>
        public const string ClockType = "ClockType";

        /// <summary>AIL0102: the shape of the non-UTC value (see <see cref="NonUtcShape"/>); the fix rewrites the additional location.</summary>
        public const string Shape = "Shape";
    }

    /// <summary>AIL0102: how a DateTime got a Kind other than Utc; the first five have a code fix.</summary>
    internal static class NonUtcShape
    {
        public const string Now = "Now";
        public const string Today = "Today";
        public const string OffsetDateTime = "DateTime";
        public const string OffsetLocalDateTime = "LocalDateTime";
        public const string ToLocalTime = "ToLocalTime";
        public const string Parse = "Parse";
        public const string Constructor = "Constructor";
        public const string SpecifyKind = "SpecifyKind";
        /// <summary>A local-time member with a UTC twin (<c>LastWriteTime</c> → <c>LastWriteTimeUtc</c>, <c>File.GetLastWriteTime</c> → <c>GetLastWriteTimeUtc</c>).</summary>
        public const string LocalWithUtcTwin = "LocalWithUtcTwin";

        /// <summary>A local time without a UTC twin (<c>Process.StartTime</c>): the fix appends <c>.ToUniversalTime()</c>.</summary>
        public const string LocalTime = "LocalTime";

        public const string Other = "Other";
    }
}
