using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>AIL0501-AIL0503 for one use of a known model id: at most one, the most severe that applies.</summary>
    internal static class ModelIdDiagnostics
    {
        /// <summary>The diagnostic for an id written in C# (the compiler applies the project's severity to it).</summary>
        public static Diagnostic? Create(ModelRow row, string id, Location location, string compiledOn) =>
            Describe(row, id, compiledOn) is { } found ? Diagnostic.Create(found.Descriptor, location, Properties(row, id), found.Args) : null;

        /// <summary>
        /// The diagnostic for an id written in an additional file (<c>appsettings.json</c>), with the severity the project
        /// configured for it, or null when it is configured <c>none</c> (<see cref="AdditionalFileSeverity"/>).
        /// </summary>
        public static Diagnostic? Create(ModelRow row, string id, Location location, string compiledOn, AdditionalText file, AdditionalFileSeverity severity, CancellationToken cancellationToken) =>
            Describe(row, id, compiledOn) is { } found ? severity.Create(file, found.Descriptor, location, Properties(row, id), found.Args, cancellationToken) : null;

        private static (DiagnosticDescriptor Descriptor, object?[] Args)? Describe(ModelRow row, string id, string compiledOn)
        {
            // The message parts are built only for a status that reports: most ids found at a slot are current.
            switch (row.StatusAsOf(compiledOn))
            {
                case ModelIdStatus.Retired:
                    return (Descriptors.AIL0503, new object?[] { id, row.ShutdownDate, Successor(row) });
                case ModelIdStatus.Deprecated:
                    return (Descriptors.AIL0502, new object?[] { id, row.ShutdownDate, Successor(row) });
                case ModelIdStatus.Alias:
                    return (Descriptors.AIL0501, new object?[] { id, AliasSnapshot(row, compiledOn) });
                default:
                    return null;
            }
        }

        // The snapshot an alias pointed to, and, when that snapshot has a shutdown date of its own, that date and the
        // snapshot's successor: pinning it would only trade a moving model for one that stops answering.
        private static string AliasSnapshot(ModelRow row, string compiledOn)
        {
            if (row.Snapshot == null)
            {
                return string.Empty;
            }

            var pointed = " (it pointed to '" + row.Snapshot + "' on " + compiledOn;
            if (row.EndingSnapshot is not { ShutdownDate: { } shutdown } ending)
            {
                return pointed + ")";
            }

            var when = ending.IsRetiredAsOf(compiledOn) ? ", a snapshot shut down on " : ", a snapshot that shuts down on ";
            return pointed + when + shutdown + Successor(ending) + ")";
        }

        /// <summary>
        /// The message's successor part: a shipped row's successor is the provider's recommendation; a row of the project's
        /// own table names the project's choice, which the provider may never have made.
        /// </summary>
        private static string Successor(ModelRow row) =>
            row.Successor == null ? string.Empty
            : row.IsUserRow ? "; the project's model table names '" + row.Successor + "' as its successor"
            : "; the provider recommends '" + row.Successor + "'";

        // The code fix reads the snapshot to pin an alias to and the successor to move to; ailint bom reads the id.
        private static ImmutableDictionary<string, string?> Properties(ModelRow row, string id) =>
            ImmutableDictionary<string, string?>.Empty
                .Add(ModelDiagnosticProperties.ModelId, id)
                .Add(ModelDiagnosticProperties.Snapshot, row.EndingSnapshot == null ? row.Snapshot : null)
                .Add(ModelDiagnosticProperties.Successor, row.Successor);
    }
}
