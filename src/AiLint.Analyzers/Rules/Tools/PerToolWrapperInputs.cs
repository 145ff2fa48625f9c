using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The inputs of a builder of the project that are only handed to the constructor of a per-tool wrapper: the Teams
    /// SDK C# guide's <c>GetTools(CitationCollector citations) =&gt; [.. _tools.Select(t =&gt; new CitationCapturingTool(t,
    /// citations, _logger))]</c>, or a loop that adds <c>new CitedTool(tool, citations)</c> per tool. Such an input rides
    /// along with every tool and chooses none, so the builder is followed as one with no input is.
    /// </summary>
    /// <remarks>
    /// An input counts when it is read at least once and every read is a direct argument (through implicit conversions)
    /// of a constructor that makes a tool from another tool: the created type is a tool type and another argument is a
    /// tool (the wrapped one). A read anywhere else (a <c>Where</c>, an <c>if</c>, a <c>Take</c>, a filter object made
    /// from it, a log line) keeps the builder a selection step, as does a creation that does not compile. Tool
    /// collections, single tools, delegates and <c>ref</c>/<c>out</c>/<c>params</c> inputs never count: the conversion and
    /// delegate helpers read those.
    /// </remarks>
    internal static class PerToolWrapperInputs
    {
        public static bool IsWrapperOnly(IParameterSymbol parameter, IEnumerable<IOperation> bodies, KnownToolSymbols symbols)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.Type.TypeKind == TypeKind.Delegate
                || symbols.IsToolType(parameter.Type) || symbols.IsToolCollection(parameter.Type))
            {
                return false;
            }

            var reads = 0;
            foreach (var body in bodies)
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IParameterReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                    {
                        if (!IsHandedToToolWrapper(reference, symbols))
                        {
                            return false;
                        }

                        reads++;
                    }
                }
            }

            return reads > 0;
        }

        private static bool IsHandedToToolWrapper(IOperation reference, KnownToolSymbols symbols)
        {
            var value = reference;
            while (value.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion;
            }

            if (value.Parent is not IArgumentOperation { Parent: IObjectCreationOperation { Constructor: not null } creation } handed
                || !symbols.IsToolType(creation.Type))
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (!ReferenceEquals(argument, handed) && symbols.IsToolType(argument.Value.Type))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
