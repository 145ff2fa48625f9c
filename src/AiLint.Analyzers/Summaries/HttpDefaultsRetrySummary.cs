using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Retry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// The project's public methods that give every HttpClient of the factory a standard resilience handler retrying
    /// POSTs: <c>builder.Services.ConfigureHttpClientDefaults(http =&gt; { http.AddStandardResilienceHandler(); ... })</c>
    /// in the Aspire template's <c>AddServiceDefaults()</c>, which lives in a ServiceDefaults project of its own while the
    /// LLM clients live in the app that calls it (review 26, "Misses not promised" #3). Recorded as
    /// <see cref="SummaryKeys.HttpDefaultsRetry"/>, so the app reports its <c>builder.AddServiceDefaults()</c> call under
    /// the same client conditions as a <c>ConfigureHttpClientDefaults</c> call of its own
    /// (<see cref="HttpResilienceRetries"/>).
    /// </summary>
    /// <remarks>
    /// The handler is judged by <see cref="HttpResilienceRetries.DefaultsHandlerRetriesPosts"/>, the analyzer's own
    /// reading: options that disable unsafe methods, a 429-only or unreadable <c>ShouldHandle</c>, options handed to
    /// other code, and a configuration of the options system in this project that turns POST retries off or cannot be
    /// read all leave the method unrecorded. Only the method's own body counts (its lambdas, not its local functions or
    /// the helpers it calls), and only when Microsoft.Extensions.Http.Resilience is referenced.
    /// </remarks>
    internal static class HttpDefaultsRetrySummary
    {
        private const string HandlerName = "AddStandardResilienceHandler";

        public static IEnumerable<SummaryEntry> Entries(Compilation compilation, Func<IMethodSymbol, bool> isRecordable, CancellationToken cancellationToken)
        {
            var symbols = new KnownRetrySymbols(compilation);
            if (symbols.ResilienceHttpClientBuilderExtensions is null || HttpResilienceRetries.TryCreate(compilation, symbols) is not { } http)
            {
                return Array.Empty<SummaryEntry>();
            }

            var ids = new SortedSet<string>(StringComparer.Ordinal);

            // Only files whose text spells the handler's name are walked (SourceBodies.InvocationsNamed's text scan).
            var names = new HashSet<string>(StringComparer.Ordinal) { HandlerName };
            foreach (var invocation in LlmCalls.SourceBodies.InvocationsNamed(compilation, names, cancellationToken))
            {
                if (EnclosingMethod(invocation.Syntax) is { } declaration
                    && invocation.SemanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method && isRecordable(method)
                    && method.GetDocumentationCommentId() is { } id
                    && http.DefaultsHandlerRetriesPosts(invocation, cancellationToken))
                {
                    ids.Add(id);
                }
            }

            return ids.Select(id => new SummaryEntry(SummaryKeys.HttpDefaultsRetry, id + "|" + SummaryKeys.Standard)).ToList();
        }

        /// <summary>The method whose body holds <paramref name="node"/>, through lambdas but not through a local function.</summary>
        private static MethodDeclarationSyntax? EnclosingMethod(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case LocalFunctionStatementSyntax:
                        return null;
                    case MethodDeclarationSyntax method:
                        return method;
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }
    }
}
