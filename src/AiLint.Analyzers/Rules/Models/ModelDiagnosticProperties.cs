namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>Keys of the facts the model analyzer passes to its code fix through <c>Diagnostic.Properties</c>.</summary>
    internal static class ModelDiagnosticProperties
    {
        /// <summary>AIL0501-AIL0503: the id as written (ailint bom lists the ids the rules read from these diagnostics).</summary>
        public const string ModelId = "ModelId";

        /// <summary>AIL0501-AIL0503: the snapshot the alias points to (the AIL0501 fix pins to it); null when unknown.</summary>
        public const string Snapshot = "Snapshot";

        /// <summary>AIL0501-AIL0503: the successor the provider recommends (the AIL0502/AIL0503 fix moves to it); null when none.</summary>
        public const string Successor = "Successor";
    }
}
