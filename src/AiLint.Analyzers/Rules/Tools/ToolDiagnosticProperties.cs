namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>Keys of the facts the tool analyzer passes to its code fix through <c>Diagnostic.Properties</c>.</summary>
    internal static class ToolDiagnosticProperties
    {
        /// <summary>AIL0202: "1" when appending <c>.Take(cap)</c> bounds the source.</summary>
        public const string Fixable = "Fixable";

        /// <summary>AIL0202: the cap in force for the file.</summary>
        public const string Cap = "Cap";
    }
}
