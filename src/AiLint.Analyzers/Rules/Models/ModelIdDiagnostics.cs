using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>AIL0501-AIL0503 for one use of a known model id: at most one, the most severe that applies.</summary>
    internal static class ModelIdDiagnostics
    {
        public static Diagnostic? Create(ModelRow row, string id, Location location, string compiledOn)
        {
            var successor = row.Successor != null ? "; the provider recommends '" + row.Successor + "'" : string.Empty;
            switch (row.StatusAsOf(compiledOn))
            {
                case ModelIdStatus.Retired:
                    return Diagnostic.Create(Descriptors.AIL0503, location, Properties(row), id, row.ShutdownDate, successor);
                case ModelIdStatus.Deprecated:
                    return Diagnostic.Create(Descriptors.AIL0502, location, Properties(row), id, row.ShutdownDate, successor);
                case ModelIdStatus.Alias:
                    var snapshot = row.Snapshot != null ? " (it pointed to '" + row.Snapshot + "' on " + compiledOn + ")" : string.Empty;
                    return Diagnostic.Create(Descriptors.AIL0501, location, Properties(row), id, snapshot);
                default:
                    return null;
            }
        }

        // The code fix reads these: the snapshot to pin an alias to, the successor to move to.
        private static ImmutableDictionary<string, string?> Properties(ModelRow row) =>
            ImmutableDictionary<string, string?>.Empty
                .Add(ModelDiagnosticProperties.Snapshot, row.Snapshot)
                .Add(ModelDiagnosticProperties.Successor, row.Successor);
    }
}
