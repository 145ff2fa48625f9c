using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>Single tools and the literal forms of a catalog: elements, collection expressions and spreads, array and list creations, collection initializers.</summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>One tool (an element, an <c>Add</c> argument).</summary>
        public CatalogContent Element(IOperation? operation, IOperation entry)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            operation = TypeIndex.Strip(operation);
            switch (operation)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.HostedMcpServerTool):
                    return InitializerAssigns(creation.Initializer, "AllowedTools") || HolderSetsAllowedTools(creation)
                        ? new CatalogContent(1, true, 0, true, CatalogContent.Empty.Unbounded)
                        : CatalogContent.From(new UnboundedSource("a hosted MCP server tool with no AllowedTools", entry, fixable: false), fromMcp: true, min: 1);
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "CreateMcpTool"
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.ResponseTool):
                    return HasFilter(invocation) || HolderSetsAllowedTools(invocation)
                        ? new CatalogContent(1, true, 0, true, CatalogContent.Empty.Unbounded)
                        : CatalogContent.From(new UnboundedSource("an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter", entry, fixable: false), fromMcp: true, min: 1);
                case IObjectCreationOperation creation when IsAnthropicTool(creation.Type):
                    // DeferLoading = true: Anthropic's tool search loads the tool only when a search finds it, so the
                    // model does not see it up front (the fix this rule recommends for large catalogs).
                    // A flag computed at run time (`DeferLoading = !alwaysLoaded.Contains(name)`, "defer by default") may
                    // defer the tool: it counts towards no sure total ("at least"), since the catalog is built for the search.
                    return SetsTrue(creation, "DeferLoading") ? CatalogContent.Empty
                        : SetsNonConstant(creation, "DeferLoading") ? CatalogContent.One().MaybeFewer()
                        : CatalogContent.One(SetsTrue(creation, "Strict") ? 1 : 0);
                case IInvocationOperation invocation when IsBetaMcp(invocation.TargetMethod, "Tool"):
                    return BetaMcpTool(invocation);
                case ILocalReferenceOperation local when !_visiting.Contains(local.Local)
                        && _index.Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1:
                    _visiting.Add(local.Local);
                    var content = Element(writes[0], entry);
                    _visiting.Remove(local.Local);
                    return content;
                default:
                    return CatalogContent.One();
            }
        }

        private CatalogContent CollectionExpression(IOperation operation, CollectionExpressionSyntax collection)
        {
            var model = operation.SemanticModel;
            var result = CatalogContent.Empty;
            foreach (var element in collection.Elements)
            {
                switch (element)
                {
                    case SpreadElementSyntax spread when SpreadOperand(model, spread) is { } spreadOperation:
                        result = result.Plus(Collection(spreadOperation, spreadOperation));
                        break;
                    case ExpressionElementSyntax expression when model?.GetOperation(expression.Expression) is { } elementOperation:
                        result = result.Plus(Element(elementOperation, elementOperation));
                        break;
                    default:
                        result = result.Plus(CatalogContent.Unknown);
                        break;
                }
            }

            return result;
        }

        /// <summary>
        /// The operation a spread copies. The null-forgiving operator and parentheses have no operation of their own
        /// (<c>[.. tools!]</c>: the operation is bound to <c>tools</c>), so the syntax is unwrapped first.
        /// </summary>
        internal static IOperation? SpreadOperand(SemanticModel? model, SpreadElementSyntax spread)
        {
            var expression = spread.Expression;
            while (true)
            {
                switch (expression)
                {
                    case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = suppressed.Operand;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                }

                return model?.GetOperation(expression);
            }
        }

        private CatalogContent Elements(IEnumerable<IOperation> elements)
        {
            var result = CatalogContent.Empty;
            foreach (var element in elements)
            {
                result = result.Plus(Element(element, element));
            }

            return result;
        }

        private CatalogContent Creation(IObjectCreationOperation creation)
        {
            if (_symbols.GetElementType(creation.Type) == null)
            {
                return CatalogContent.Unknown;
            }

            // new List<AITool>(source) copies the source; new List<AITool>(capacity) and comparers add nothing.
            var result = CatalogContent.Empty;
            foreach (var argument in creation.Arguments)
            {
                if (_symbols.GetElementType(argument.Value.Type) != null)
                {
                    result = result.Plus(Collection(argument.Value, argument.Value));
                }
            }

            // new HashSet<AITool>(merged, byName): the set drops duplicates, so it may hold fewer than it was given.
            if (_symbols.IsSet(creation.Type))
            {
                result = result.MaybeFewer();
            }

            return creation.Initializer == null ? result : result.Plus(InitializerElements(creation.Initializer));
        }

        private CatalogContent InitializerElements(IObjectOrCollectionInitializerOperation initializer)
        {
            var result = CatalogContent.Empty;
            foreach (var element in initializer.Initializers)
            {
                result = result.Plus(element is IInvocationOperation { Arguments.Length: 1 } add
                    ? Element(add.Arguments[0].Value, add.Arguments[0].Value)
                    : CatalogContent.Unknown);
            }

            return result;
        }
    }
}
