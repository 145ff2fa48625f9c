using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An injected collection of an app-defined tool interface made into SDK tools one element at a time by the SDK's own
    /// factory, named after the element: <c>foreach (var tool in tools) options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name,
    /// tool.Description, tool.Parameters));</c>, <c>tools.Select(t =&gt; ChatTool.CreateFunctionTool(t.Name, ...))</c>. As
    /// for a member of the interface that returns the SDK tool (<see cref="ConvertsElementToTool"/>), the container hands
    /// over every registration, so the catalog has as many tools as the app registers.
    /// </summary>
    /// <remarks>
    /// The element makes a tool only through the conversion written there: a static SDK method (or an SDK type's
    /// constructor) typed as a tool, whose name argument (<c>functionName</c>, <c>name</c>) reads a member of the element.
    /// A fixed name (<c>CreateFunctionTool("greet", g.Name)</c>) makes the same tool again, not one per registration. The
    /// collection is one the container fills (<see cref="IsInjectedRegistryCollection"/>): a list the class builds or a
    /// caller passes is a selection.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// The injected collection a <c>foreach</c> converts element by element through <paramref name="added"/> (the
        /// <c>Add</c> argument, or a local of the body written once with the conversion); null for any other loop.
        /// </summary>
        internal CatalogContent? ConvertedAppToolLoop(IForEachLoopOperation loop, IOperation added)
        {
            if (loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { } element }
                || !IsInjectedRegistryCollection(loop.Collection))
            {
                return null;
            }

            var value = TypeIndex.Strip(added);
            if (value is ILocalReferenceOperation local && IsWrittenOnceInBody(local.Local, loop, out var write))
            {
                value = TypeIndex.Strip(write);
            }

            if (!MakesToolFromElement(value, element))
            {
                return null;
            }

            var source = TypeIndex.Strip(loop.Collection)!;
            return CatalogContent.From(new UnboundedSource($"the injected tool collection '{Describe(source.Syntax)}'", source, fixable: true), fromMcp: false);
        }

        /// <summary>
        /// <c>ChatTool.CreateFunctionTool(tool.Name, ...)</c>, <c>AIFunctionFactory.Create(handler, name: tool.Name)</c>,
        /// <c>new RealtimeFunctionTool(tool.Name)</c>: an SDK factory or constructor typed as a tool, named after a member of
        /// <paramref name="element"/>.
        /// </summary>
        private bool MakesToolFromElement(IOperation? value, ISymbol element)
        {
            IMethodSymbol? method;
            ImmutableArray<IArgumentOperation> arguments;
            switch (value)
            {
                case IInvocationOperation { TargetMethod.IsStatic: true } call when _symbols.IsToolType(call.Type):
                    method = call.TargetMethod;
                    arguments = call.Arguments;
                    break;
                case IObjectCreationOperation { Constructor: { } constructor } creation when _symbols.IsToolType(creation.Type):
                    method = constructor;
                    arguments = creation.Arguments;
                    break;
                default:
                    return false;
            }

            if (method.DeclaringSyntaxReferences.Length != 0)
            {
                return false;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter?.Name is { } name
                    && (string.Equals(name, "functionName", StringComparison.Ordinal) || string.Equals(name, "name", StringComparison.Ordinal))
                    && TypeIndex.Strip(argument.Value) is IMemberReferenceOperation { Instance: { } instance }
                    && ReferencesElement(TypeIndex.Strip(instance), element))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReferencesElement(IOperation? instance, ISymbol element) => instance switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, element),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, element),
            _ => false,
        };
    }
}
