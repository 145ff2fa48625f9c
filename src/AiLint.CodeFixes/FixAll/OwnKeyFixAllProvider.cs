using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiLint.CodeFixes.FixAll
{
    /// <summary>
    /// Fix All that does not trust the equivalence key it is handed. <c>dotnet format analyzers</c> builds its
    /// <see cref="FixAllContext"/> from the first diagnostic of the analysis result, whatever its id: when several ids
    /// run together that diagnostic may belong to another rule, or have no fix (an AIL0001 without a key slot), so the
    /// key is null or foreign and <see cref="WellKnownFixAllProviders.BatchFixer"/> finds no action with it. Here such
    /// a key is replaced by the fixer's own key for the ids being fixed (<see cref="FixAllContext.DiagnosticIds"/>);
    /// a key the fixer owns (the IDE's case) passes through untouched.
    /// </summary>
    internal sealed class OwnKeyFixAllProvider : FixAllProvider
    {
        private static readonly FixAllScope[] Scopes = { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        private readonly FixAllProvider inner;
        private readonly IReadOnlyDictionary<string, string> keyById;

        private OwnKeyFixAllProvider(FixAllProvider inner, IReadOnlyDictionary<string, string> keyById)
        {
            this.inner = inner;
            this.keyById = keyById;
        }

        /// <summary>Wraps <paramref name="inner"/> for a fixer that offers one fix kind with <paramref name="key"/> for each of <paramref name="ids"/>.</summary>
        public static FixAllProvider For(FixAllProvider inner, string key, params string[] ids) =>
            new OwnKeyFixAllProvider(inner, ids.ToDictionary(id => id, _ => key, StringComparer.Ordinal));

        /// <summary>Wraps <paramref name="inner"/> for a fixer whose key depends on the diagnostic id.</summary>
        public static FixAllProvider For(FixAllProvider inner, IReadOnlyDictionary<string, string> keyById) =>
            new OwnKeyFixAllProvider(inner, keyById);

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            Scopes.Where(scope => inner.GetSupportedFixAllScopes().Contains(scope));

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var key = fixAllContext.CodeActionEquivalenceKey;
            if (key != null && keyById.Values.Contains(key, StringComparer.Ordinal))
            {
                return inner.GetFixAsync(fixAllContext);
            }

            // The first id being fixed that this fixer knows decides the key; ids are fixed one at a time by
            // dotnet format, and a fixer with one fix kind has one key anyway.
            var ownKey = fixAllContext.DiagnosticIds.Select(id => keyById.TryGetValue(id, out var k) ? k : null).FirstOrDefault(k => k != null);
            if (ownKey == null)
            {
                return Task.FromResult<CodeAction?>(null);
            }

            var provider = new ForwardingDiagnosticProvider(fixAllContext);
            var repaired = fixAllContext.Document != null
                ? new FixAllContext(fixAllContext.Document, fixAllContext.CodeFixProvider, fixAllContext.Scope, ownKey, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken)
                : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, ownKey, fixAllContext.DiagnosticIds, provider, fixAllContext.CancellationToken);
            return inner.GetFixAsync(repaired);
        }

        /// <summary>Hands the host's diagnostics on unchanged (the original context already filters them by id).</summary>
        private sealed class ForwardingDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext original;

            public ForwardingDiagnosticProvider(FixAllContext original) => this.original = original;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                await original.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await original.GetProjectDiagnosticsAsync(project).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await original.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
        }
    }
}
