using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Anthropic.Mcp's <c>deferLoading</c> argument: <c>BetaMcp.ListToolsAsync(mcp, deferLoading: true)</c>,
    /// <c>BetaMcp.Tools(tools, deferLoading: true)</c> and <c>BetaMcp.Tool(tool, deferLoading: true)</c> set
    /// <c>DeferLoading = true</c> on every tool they make, as a loop of <c>new Tool { DeferLoading = true }</c> does.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>What an Anthropic.Mcp conversion does with its tools' loading.</summary>
        private enum McpToolLoading
        {
            /// <summary>No flag, <c>false</c> or <c>null</c>: every tool is loaded up front.</summary>
            UpFront,

            /// <summary>The constant <c>true</c>: every tool waits for Anthropic's tool search.</summary>
            Deferred,

            /// <summary>A flag computed at run time: the tools may all be loaded up front.</summary>
            Computed,
        }

        /// <summary>
        /// The <c>deferLoading</c> argument of a <c>BetaMcp</c> conversion, found by its parameter's name on the
        /// resolved method (a <c>bool?</c>, so a constant <c>true</c> arrives wrapped in a nullable conversion).
        /// </summary>
        private static McpToolLoading BetaMcpLoading(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name != "deferLoading" || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var value = TypeIndex.Strip(argument.Value);
                if (value == null || value is IInvalidOperation || value.ConstantValue.HasValue)
                {
                    return value?.ConstantValue.Value is true ? McpToolLoading.Deferred : McpToolLoading.UpFront;
                }

                return McpToolLoading.Computed;
            }

            return McpToolLoading.UpFront;
        }

        /// <summary>
        /// One <c>BetaMcp.Tool(tool, ...)</c>: nothing loaded up front when deferred, as <c>new Tool { DeferLoading = true }</c>;
        /// with a computed flag, one tool that may not count (the loop over a list keeps the list's source then).
        /// </summary>
        private CatalogContent BetaMcpTool(IInvocationOperation invocation)
        {
            switch (BetaMcpLoading(invocation))
            {
                case McpToolLoading.Deferred:
                    return CatalogContent.Empty;
                case McpToolLoading.Computed:
                    return CatalogContent.One().MaybeFewer();
                default:
                    return CatalogContent.One();
            }
        }

        private bool IsBetaMcp(IMethodSymbol method, string name) =>
            method.Name == name && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.AnthropicBetaMcp);
    }
}
