using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Tools
{
    // What one catalog's diagnostics say and where they go: AIL0202 per unbounded source, AIL0201 on the catalog's
    // construction, with the provider's own limit when it is passed.
    public sealed partial class ToolCatalogAnalyzer
    {
        // OpenAI's API rejects a request with more than 128 tools; Anthropic documents at most 20 strict tools per request.
        private const int OpenAIToolLimit = 128;
        private const int AnthropicStrictToolLimit = 20;

        private static void ReportUnbounded(CatalogContent content, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            foreach (var source in content.Unbounded)
            {
                var location = source.Entry.Syntax.GetLocation();
                if (reported.Add((Descriptors.AIL0202.Id, location.SourceSpan, location.SourceTree!)))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(ToolDiagnosticProperties.Cap, cap.ToString(CultureInfo.InvariantCulture))
                        .Add(ToolDiagnosticProperties.Fixable, source.Fixable ? "1" : "0");
                    report(Diagnostic.Create(Descriptors.AIL0202, location, properties, source.Description, cap));
                }
            }
        }

        private static void ReportOverCap(Location location, CatalogSink sink, CatalogContent content, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            if (reported.Add((Descriptors.AIL0201.Id, location.SourceSpan, location.SourceTree!)))
            {
                var number = content.Min.ToString(CultureInfo.InvariantCulture);
                var count = content.Conditional ? "up to " + number : content.Exact ? number : "at least " + number;
                report(Diagnostic.Create(Descriptors.AIL0201, location, count, cap, ProviderLimit(sink, content)));
            }
        }

        private static string ProviderLimit(CatalogSink sink, CatalogContent content)
        {
            if (sink.Provider == "OpenAI" && content.Min > OpenAIToolLimit)
            {
                return "; OpenAI rejects more than " + OpenAIToolLimit.ToString(CultureInfo.InvariantCulture) + " tools in one request";
            }

            if (sink.Provider == "Anthropic" && content.Strict > AnthropicStrictToolLimit)
            {
                return "; " + content.Strict.ToString(CultureInfo.InvariantCulture) + " are strict, and Anthropic accepts at most "
                    + AnthropicStrictToolLimit.ToString(CultureInfo.InvariantCulture) + " strict tools per request";
            }

            return string.Empty;
        }

        private static IOperation? AnchorOf(CatalogSink sink)
        {
            if (sink.Values.Count > 0)
            {
                return sink.Values[0];
            }

            if (sink.Initializers.Count > 0)
            {
                return sink.Initializers[0];
            }

            return sink.Mutations.Count > 0 ? sink.Mutations[0] : null;
        }

        /// <summary>
        /// Where AIL0201 goes: the catalog's construction (the collection a local or field is initialised with, or the
        /// options object whose Tools are filled by Adds), else its assignment.
        /// </summary>
        private static Location CatalogLocation(CatalogSink sink, TypeIndex index, IOperation anchor)
        {
            if (sink.Values.Count > 0)
            {
                var value = sink.Values[0];
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                while (TypeIndex.Holder(value) is { } holder && seen.Add(holder)
                    && index.Writes.TryGetValue(holder, out var writes) && writes.Count == 1)
                {
                    value = writes[0];
                }

                return value.Syntax.GetLocation();
            }

            if (sink.Initializers.Count > 0)
            {
                return sink.Initializers[0].Syntax.GetLocation();
            }

            if (sink.Creation != null)
            {
                return sink.Creation.Syntax.GetLocation();
            }

            if (sink.Holder != null && index.Writes.TryGetValue(sink.Holder, out var holderWrites) && holderWrites.Count == 1)
            {
                return holderWrites[0].Syntax.GetLocation();
            }

            return anchor.Syntax.GetLocation();
        }
    }
}
