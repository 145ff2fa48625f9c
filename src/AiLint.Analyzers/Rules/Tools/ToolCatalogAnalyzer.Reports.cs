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

        /// <summary>
        /// One AIL0202 per place a source enters the catalog. Several sources entering at one place (<c>Tools = [.. allTools]</c>
        /// with <c>allTools = weatherTools.Concat(learnTools)</c>, review91 cmw2) are named together in that one message: naming
        /// only the first sent the user back to a second diagnostic after capping it. The fix caps the place they enter,
        /// so it is offered only when a <c>Take</c> there bounds every one of them.
        /// </summary>
        private static void ReportUnbounded(CatalogContent content, int cap, System.Action<Diagnostic> report, HashSet<(string, TextSpan, SyntaxTree)> reported)
        {
            var order = new List<Location>();
            var byLocation = new Dictionary<Location, (List<string> Descriptions, bool Fixable, List<string>? Growth)>();
            foreach (var source in content.Unbounded)
            {
                var location = source.Entry.Syntax.GetLocation();
                if (!byLocation.TryGetValue(location, out var entry))
                {
                    order.Add(location);
                    entry = (new List<string>(), true, new List<string>());
                }

                if (!entry.Descriptions.Contains(source.Description))
                {
                    entry.Descriptions.Add(source.Description);
                }

                // What grows the catalog, when every source entering here is a project type read by reflection.
                var growth = entry.Growth;
                if (source.GrowsWith == null)
                {
                    growth = null;
                }
                else if (growth != null && !growth.Contains(source.GrowsWith))
                {
                    growth.Add(source.GrowsWith);
                }

                byLocation[location] = (entry.Descriptions, entry.Fixable && source.Fixable, growth);
            }

            foreach (var location in order)
            {
                if (reported.Add((Descriptors.AIL0202.Id, location.SourceSpan, location.SourceTree!)))
                {
                    var (descriptions, fixable, growth) = byLocation[location];
                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(ToolDiagnosticProperties.Cap, cap.ToString(CultureInfo.InvariantCulture))
                        .Add(ToolDiagnosticProperties.Fixable, fixable ? "1" : "0");
                    report(growth is { Count: > 0 }
                        ? Diagnostic.Create(Descriptors.AIL0202ReflectedProjectType, location, properties, JoinSources(descriptions), cap, string.Join(" and ", growth))
                        : Diagnostic.Create(Descriptors.AIL0202, location, properties, JoinSources(descriptions), cap));
                }
            }
        }

        /// <summary>
        /// <c>'a' (...)</c>, <c>'a' (...) and 'b' (...)</c>, <c>'a' (...), 'b' (...) and 'c' (...)</c>; a <c>, through 'x'</c>
        /// note every source shares is said once, at the end (<c>'a' (...) and 'b' (...), through 'host.All'</c>).
        /// </summary>
        private static string JoinSources(List<string> descriptions)
        {
            if (descriptions.Count == 1)
            {
                return descriptions[0];
            }

            const string Through = ", through ";
            var first = descriptions[0].LastIndexOf(Through, System.StringComparison.Ordinal);
            var shared = first < 0 ? string.Empty : descriptions[0].Substring(first);
            var parts = new List<string>();
            foreach (var description in descriptions)
            {
                if (shared.Length == 0 || !description.EndsWith(shared, System.StringComparison.Ordinal))
                {
                    shared = string.Empty;
                    break;
                }

                parts.Add(description.Substring(0, description.Length - shared.Length));
            }

            var named = shared.Length == 0 ? descriptions : parts;
            return string.Join(", ", named.GetRange(0, named.Count - 1)) + " and " + named[named.Count - 1] + shared;
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

            // OpenAI's get-only Tools filled only by a helper (`RegisterTools(options.Tools)`): the call.
            return sink.Mutations.Count > 0 ? sink.Mutations[0] : sink.FillingCalls.Count > 0 ? sink.FillingCalls[0] : null;
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
