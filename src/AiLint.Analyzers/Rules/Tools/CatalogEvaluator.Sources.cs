using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>How a source is recognised: injected services, hosted MCP tools, provider details.</summary>
    internal sealed partial class CatalogEvaluator
    {
        private bool IsInjected(IParameterReferenceOperation reference)
        {
            var parameter = reference.Parameter;
            if (!(parameter.ContainingSymbol is IMethodSymbol method))
            {
                return false;
            }

            // Constructor parameters (primary constructors included) come from the DI container.
            if (method.MethodKind == MethodKind.Constructor)
            {
                return true;
            }

            foreach (var attribute in parameter.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.FromServicesAttribute)
                    || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.FromKeyedServicesAttribute))
                {
                    return true;
                }
            }

            // A minimal-API handler (app.MapPost("/chat", (IEnumerable<AITool> tools, ...) => ...)): ASP.NET Core binds
            // a parameter it cannot read from the request from the container.
            for (var current = reference.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, method))
                {
                    var user = current.Parent;
                    while (user is IDelegateCreationOperation || user is IConversionOperation)
                    {
                        user = user.Parent;
                    }

                    return user is IArgumentOperation { Parent: IInvocationOperation map }
                        && SymbolEqualityComparer.Default.Equals(map.TargetMethod.ContainingType, _symbols.EndpointRouteBuilderExtensions);
                }
            }

            return false;
        }

        /// <summary>
        /// A service the container injects: an injected parameter, or a field only ever assigned from one, whose type
        /// is an interface or abstract class and not itself a collection (<c>IToolRegistry</c>, not <c>IDictionary</c>).
        /// </summary>
        private bool IsRegistry(IOperation? instance)
        {
            instance = TypeIndex.Strip(instance);
            if (instance?.Type == null
                || !(instance.Type.TypeKind == TypeKind.Interface || instance.Type is { IsAbstract: true, TypeKind: TypeKind.Class })
                || _symbols.GetElementType(instance.Type) != null)
            {
                return false;
            }

            // An input of an options-filling helper read at one call: what the caller passes (CatalogEvaluator.HelperCalls).
            if (IsBoundHelperInput(instance, out var boundRegistry))
            {
                return boundRegistry;
            }

            // One provider of an injected IEnumerable<IContextProvider> (CatalogEvaluator.RegistryCollections).
            // A registry injected as Task<IMcpService>, awaited (CatalogEvaluator.RegistryTasks).
            return IsInjectedValue(instance) || IsRegistryCollectionElement(instance) || IsAwaitedRegistryTask(instance);
        }

        /// <summary>
        /// An injected parameter, or a field only ever assigned from one (or never assigned in this type); a service
        /// resolved from the container, directly or through a local or field only ever assigned one (CatalogEvaluator.ServiceLocation).
        /// </summary>
        private bool IsInjectedValue(IOperation instance)
        {
            switch (instance)
            {
                case IParameterReferenceOperation parameter:
                    return IsInjected(parameter);
                case ILocalReferenceOperation local:
                    return IsResolvedLocal(local.Local);
                case IInvocationOperation resolution:
                    return IsServiceResolution(resolution);
                case IFieldReferenceOperation field:
                    if (!_index.Writes.TryGetValue(field.Field, out var writes))
                    {
                        // Never assigned in this type: set by the container (property injection) or a base class.
                        return true;
                    }

                    foreach (var write in writes)
                    {
                        if (!(TypeIndex.Strip(write) is IParameterReferenceOperation source && IsInjected(source)) && !IsServiceResolution(write))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>Enum.GetValues&lt;T&gt;()</c>, <c>Enum.GetValues(typeof(T))</c> and <c>Enum.GetNames</c> of an enum the code
        /// names: one element per declared member (aliases included, as the runtime returns them), so the count is a
        /// compile-time constant. Null for anything else, an enum type parameter, or a type taken at run time.
        /// </summary>
        private static int? EnumMemberCount(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType?.SpecialType != SpecialType.System_Enum || !(method.Name == "GetValues" || method.Name == "GetNames"))
            {
                return null;
            }

            var enumType = method.IsGenericMethod && method.TypeArguments.Length == 1 && invocation.Arguments.Length == 0
                ? method.TypeArguments[0]
                : !method.IsGenericMethod && invocation.Arguments.Length == 1 && TypeIndex.Strip(invocation.Arguments[0].Value) is ITypeOfOperation typeOf
                    ? typeOf.TypeOperand
                    : null;
            if (enumType is not INamedTypeSymbol { TypeKind: TypeKind.Enum } named)
            {
                return null;
            }

            var count = 0;
            foreach (var member in named.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true })
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>A short, one-line name for a source in a message: a call loses its arguments (<c>mcp.ListToolsAsync()</c>).</summary>
        internal static string Describe(SyntaxNode syntax)
        {
            var text = syntax is InvocationExpressionSyntax invocation ? invocation.Expression + "()" : syntax.ToString();
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s*\.\s*", ".");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
            return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
        }

        /// <summary><c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c> give <c>T</c> (the call is awaited on its way to the catalog).</summary>
        internal static ITypeSymbol? UnwrapTask(ITypeSymbol? type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && (named.Name == "Task" || named.Name == "ValueTask")
            && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                ? named.TypeArguments[0]
                : type;

        /// <summary>A call that takes nothing but a cancellation token cannot be selecting tools for the current turn.</summary>
        private bool HasNoInput(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsGiven(argument)
                    && !SymbolEqualityComparer.Default.Equals(argument.Value.Type, _symbols.CancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// An argument the caller writes: an explicit one, or the items of a <c>params</c> array
        /// (<c>registry.GetTools("search", "weather")</c> selects by name). An omitted optional parameter, or a
        /// <c>params</c> array left empty, gives the method nothing to select by.
        /// </summary>
        internal static bool IsGiven(IArgumentOperation argument) => argument.ArgumentKind switch
        {
            ArgumentKind.Explicit => true,
            ArgumentKind.ParamArray => argument.Value is not IArrayCreationOperation { Initializer.ElementValues.Length: 0 },
            _ => false,
        };

        private static bool IsSystemType(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "Type" && current.ContainingNamespace?.Name == "System" && current.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The local or field the hosted MCP tool is stored in gets its <c>AllowedTools</c> set somewhere.</summary>
        private bool HolderSetsAllowedTools(IOperation creation)
        {
            var user = creation.Parent;
            while (user is IConversionOperation)
            {
                user = user.Parent;
            }

            return user is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && _index.AllowedToolsSet.Contains(declarator.Symbol)
                || user is ISimpleAssignmentOperation assignment && TypeIndex.Holder(assignment.Target) is { } holder && _index.AllowedToolsSet.Contains(holder);
        }

        private static bool HasFilter(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "allowedTools")
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && !(TypeIndex.Strip(argument.Value) is { ConstantValue: { HasValue: true, Value: null } });
                }
            }

            return false;
        }

        /// <summary>
        /// The initializer assigns <paramref name="name"/> something other than null (<c>AllowedTools = ["a"]</c>). A
        /// collection initializer (<c>AllowedTools = { "a" }</c>) adds to the property's default, which for the hosted
        /// MCP tools is null: it assigns nothing (and throws at run time), so it does not count.
        /// </summary>
        private static bool InitializerAssigns(IObjectOrCollectionInitializerOperation? initializer, string name)
        {
            if (initializer == null)
            {
                return false;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && property.Property.Name == name && !TypeIndex.IsNullConstant(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsAnthropicTool(ITypeSymbol? type) =>
            SymbolEqualityComparer.Default.Equals(type, _symbols.AnthropicTool) || SymbolEqualityComparer.Default.Equals(type, _symbols.AnthropicBetaTool);

        /// <summary><c>new Tool { ..., Strict = true }</c>: the property set to the constant <c>true</c> where the tool is created.</summary>
        /// <summary>The initializer sets <paramref name="property"/> to a value that is not a compile-time constant.</summary>
        private static bool SetsNonConstant(IObjectCreationOperation creation, string property)
        {
            if (creation.Initializer == null)
            {
                return false;
            }

            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } assigned } } assignment
                    && assigned.Name == property
                    && TypeIndex.Strip(assignment.Value) is { ConstantValue.HasValue: false } and not IInvalidOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SetsTrue(IObjectCreationOperation creation, string property)
        {
            if (creation.Initializer == null)
            {
                return false;
            }

            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } assigned } } assignment
                    && assigned.Name == property
                    && TypeIndex.Strip(assignment.Value)?.ConstantValue.Value is true)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
