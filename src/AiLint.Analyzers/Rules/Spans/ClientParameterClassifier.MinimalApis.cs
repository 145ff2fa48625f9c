// ClientParameterClassifier: minimal-API handlers: lambdas passed to Map* calls, method groups their own type maps, and which handler parameters are parsed from the request.
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class ClientParameterClassifier
    {
        // The methods of a type that the type itself passes as a method group to MapGet/MapPost... (one syntax walk per type).
        // Each handler maps to whether one of its Map* calls lets ASP.NET Core infer a body (anything but MapGet/MapDelete).
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableDictionary<IMethodSymbol, bool>> mappedHandlers =
            new ConcurrentDictionary<INamedTypeSymbol, ImmutableDictionary<IMethodSymbol, bool>>(SymbolEqualityComparer.Default);

        /// <summary>
        /// False for <c>MapGet</c> and <c>MapDelete</c>: ASP.NET Core infers no body for GET or DELETE, and a handler
        /// parameter of a complex type without <c>TryParse</c>/<c>BindAsync</c> there must come from DI (startup fails
        /// otherwise), so <c>app.MapGet("/sessions/{id}", (int id, SessionStore store) =&gt; ...)</c> reads a service.
        /// </summary>
        private static bool InfersBody(string mapMethod) => mapMethod != "MapGet" && mapMethod != "MapDelete";

        /// <summary>A type bound from the route, query or a header by parsing (string, enum, a type with <c>TryParse</c>/<c>BindAsync</c>, their arrays and nullables).</summary>
        private static bool IsParsable(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                type = array.ElementType;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            // ASP.NET Core parses a Uri with Uri.TryCreate although Uri has no TryParse.
            if (type.SpecialType == SpecialType.System_String || type.TypeKind is TypeKind.Enum or TypeKind.Error
                || type is { Name: "Uri", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: true, Name: "TryParse" or "BindAsync" })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private IInvocationOperation? MinimalApiMapCall(IMethodSymbol lambda, IOperation reference)
        {
            if (symbols.EndpointRouteBuilderExtensions is null)
            {
                return null;
            }

            for (var current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                {
                    var parent = function.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                        && Is(invocation.TargetMethod.ContainingType, symbols.EndpointRouteBuilderExtensions)
                        && invocation.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal)
                        ? invocation
                        : null;
                }
            }

            return null;
        }

        /// <summary>
        /// A method that its own type hands to <c>MapGet</c>/<c>MapPost</c>... as a method group, the way endpoint classes
        /// are written (<c>group.MapPost("/turns", RecordTurn)</c> inside <c>MapTurnEndpoints</c>, next to
        /// <c>static Task&lt;IResult&gt; RecordTurn(TurnRequest turn, ...)</c>). Only the type's own declarations are read:
        /// a handler mapped from another file (Program.cs) is recognised only through its binding attributes.
        /// </summary>
        /// <returns>Null when not mapped; else whether one of its Map* calls infers a body (see <see cref="InfersBody"/>).</returns>
        private bool? IsMappedByItsType(IMethodSymbol method)
        {
            if (compilation is null || symbols.EndpointRouteBuilderExtensions is null || method.ContainingType is not { } type)
            {
                return null;
            }

            if (!mappedHandlers.TryGetValue(type, out var handlers))
            {
                // Not GetOrAdd(type, FindMappedHandlers): that converts the method group to a new delegate on every call,
                // and this runs for every parameter of every ordinary method the rule reads.
                handlers = mappedHandlers.GetOrAdd(type, FindMappedHandlers(type));
            }

            return handlers.TryGetValue(method.OriginalDefinition, out var bodyInferred) ? bodyInferred : null;
        }

        private ImmutableDictionary<IMethodSymbol, bool> FindMappedHandlers(INamedTypeSymbol type)
        {
            // Made on the first handler found: most types map none.
            System.Collections.Generic.Dictionary<IMethodSymbol, bool>? handlers = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
                // The text test first: most types spell no Map* name, and the walk reads every node of the declaration.
                if (!compilation!.ContainsSyntaxTree(declaration.SyntaxTree) || !MapCallText.MaySpellMapName(declaration))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    // A name test first: only Map* calls with an argument that may be a method group need the model.
                    if (node is not InvocationExpressionSyntax call || !MapName(call.Expression) || !call.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax))
                    {
                        continue;
                    }

                    model ??= SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
                    if (model.GetOperation(call) is not IInvocationOperation invocation
                        || !Is(invocation.TargetMethod.ContainingType, symbols.EndpointRouteBuilderExtensions))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        var value = argument.Value;
                        while (value is IConversionOperation or IParenthesizedOperation)
                        {
                            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
                        }

                        if (value is IDelegateCreationOperation { Target: IMethodReferenceOperation target }
                            && SymbolEqualityComparer.Default.Equals(target.Method.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                        {
                            var key = target.Method.OriginalDefinition;
                            handlers ??= new System.Collections.Generic.Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                            handlers[key] = (handlers.TryGetValue(key, out var earlier) && earlier) || InfersBody(invocation.TargetMethod.Name);
                        }
                    }
                }
            }

            return handlers?.ToImmutableDictionary(SymbolEqualityComparer.Default) ?? ImmutableDictionary<IMethodSymbol, bool>.Empty;
        }

        private static bool MapName(ExpressionSyntax expression)
        {
            var name = expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => string.Empty,
            };
            return name.StartsWith("Map", System.StringComparison.Ordinal);
        }
    }
}
