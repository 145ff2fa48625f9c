using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An injected collection of an app-defined tool interface converted element by element into the SDK's tools:
    /// <c>_chatTools.Select(tool =&gt; tool.Get())</c> over <c>IEnumerable&lt;IChatTool&gt;</c>, <c>agentTools.Select(t =&gt;
    /// t.ToAIFunction())</c>. The container hands over every registration of the interface, so the catalog has as many
    /// tools as the app registers, as an injected <c>IEnumerable&lt;ChatTool&gt;</c> does.
    /// </summary>
    /// <remarks>
    /// The interface counts as a tool interface only through the conversion written there: the lambda returns a member
    /// of its element, declared by the project's interface (or abstract class), whose type is an SDK tool type
    /// (<c>ChatTool</c>, <c>AITool</c>/<c>AIFunction</c>, <c>KernelFunction</c>, <c>McpClientTool</c>...). A member giving
    /// anything else (a name, a description) makes no tool, and a collection the caller passes in is a selection.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>The injected collection a <c>Select</c> converts to tools, as an unbounded source; null for any other <c>Select</c>.</summary>
        private CatalogContent? ConvertedAppToolCollection(IInvocationOperation select)
        {
            if (select.Arguments.Length != 2
                || !(TypeIndex.Strip(select.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                || lambda.Symbol.Parameters.Length != 1
                || !IsInjectedRegistryCollection(select.Arguments[0].Value)
                || !(ConvertsElementToTool(lambda) || MakesToolFromElement(TypeIndex.Strip(ReturnedValue(lambda.Body)), lambda.Symbol.Parameters[0])))
            {
                return null;
            }

            var source = TypeIndex.Strip(select.Arguments[0].Value)!;
            return CatalogContent.From(new UnboundedSource($"the injected tool collection '{Describe(source.Syntax)}'", source, fixable: true), fromMcp: false);
        }

        /// <summary>
        /// <c>tool =&gt; tool.Get()</c>, <c>t =&gt; t.Definition</c>: the lambda's one returned value is a member of its
        /// parameter, declared in source by an interface or abstract class, typed as an SDK tool.
        /// </summary>
        private bool ConvertsElementToTool(IAnonymousFunctionOperation lambda)
        {
            if (lambda.Body.Operations.Length != 1 || !(lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned }))
            {
                return false;
            }

            ISymbol? member;
            IOperation? instance;
            switch (TypeIndex.Strip(returned))
            {
                case IInvocationOperation { Arguments.Length: 0 } call:
                    member = call.TargetMethod;
                    instance = call.Instance;
                    break;
                case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                    member = property.Property;
                    instance = property.Instance;
                    break;
                default:
                    return false;
            }

            var type = member is IMethodSymbol method ? method.ReturnType : ((IPropertySymbol)member).Type;
            return TypeIndex.Strip(instance) is IParameterReferenceOperation parameter
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter, lambda.Symbol.Parameters[0])
                && member.ContainingType is { } declaring
                && (declaring.TypeKind == TypeKind.Interface || declaring is { IsAbstract: true, TypeKind: TypeKind.Class })
                && _project != null && _project.IsInSource(declaring.OriginalDefinition)
                && _symbols.IsToolType(type);
        }
    }
}
