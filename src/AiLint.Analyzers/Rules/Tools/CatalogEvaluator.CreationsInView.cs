using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A constructor input of a type the project alone creates, every creation passing an unbounded source: the Teams SDK
    /// C# guide's <c>McpToolSet</c>, whose static <c>CreateAsync()</c> lists the server's tools and passes them to the
    /// private constructor, which keeps them in <c>private readonly IList&lt;McpClientTool&gt; _tools</c> for a no-input
    /// <c>GetTools() =&gt; [.. _tools]</c>.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// What the callers of a private or internal constructor pass for <paramref name="reference"/>'s parameter (see
        /// <see cref="ProjectCatalogs.ArgumentsOfCreationsInView"/>), when every one passes an unbounded source (or a local
        /// holding one): those sources, entering here. Null (the parameter keeps its injected or unknown verdict) when a
        /// creation passes anything else, such as a capped, allow-listed or fixed list or a fallback of its own.
        /// Read only in a type reached from the sink through another member (the caller's <c>through</c> note then says
        /// where the list came from); in the type that hands the catalog over, the parameter keeps the injected verdict.
        /// </summary>
        private CatalogContent? FromCreationsInView(IParameterReferenceOperation reference, IOperation entry)
        {
            var parameter = reference.Parameter;
            if (_project == null || _depth == 0 || _depth >= ProjectCatalogs.MaxDepth
                || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor }
                || !_symbols.IsToolCollection(parameter.Type)
                || _project.ArgumentsOfCreationsInView(parameter) is not { } arguments)
            {
                return null;
            }

            CatalogContent? result = null;
            foreach (var argument in arguments)
            {
                if (argument.SemanticModel?.GetEnclosingSymbol(argument.Syntax.SpanStart, _project.CancellationToken)?.ContainingType is not { } creator)
                {
                    return null;
                }

                var content = new CatalogEvaluator(_symbols, _project.IndexOf(creator), _cap, _project, _depth + 1).Collection(argument, argument);
                if (content.Unbounded.IsEmpty)
                {
                    return null;
                }

                result = result == null ? content : result.Or(content);
            }

            if (result == null)
            {
                return null;
            }

            // The sources entered at the creations, in another member; the catalog reads them where the parameter is read.
            var sources = new List<UnboundedSource>();
            foreach (var source in result.Unbounded)
            {
                sources.Add(source.Through(string.Empty, entry, source.Fixable));
            }

            return result.WithUnboundedSources(sources.ToImmutableArray());
        }
    }
}
