// ClientParameterClassifier: the classifier's state and the decision per parameter (binding attributes, handler, action, hub or gRPC method), with the shared type tests.
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Decides whether a parameter's value comes from the client: ASP.NET Core binding attributes, implicit binding of
    /// controller-action and minimal-API handler parameters, SignalR hub method arguments and gRPC request messages.
    /// </summary>
    internal sealed partial class ClientParameterClassifier
    {
        private readonly KnownSpanSymbols symbols;
        private readonly Compilation? compilation;
        private readonly RegisteredServiceTypes? services;

        // Why per classifier (so per compilation) and keyed by the parameter alone: outside lambdas, Classify reads only
        // the parameter's symbol (attributes, containing method and type), so the answer is a function of the symbol
        // within one compilation. The analyzer asks it for every parameter reference of every block.
        private readonly ConcurrentDictionary<IParameterSymbol, bool> isClient = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        /// <param name="symbols">The compilation's span and ASP.NET Core symbols.</param>
        /// <param name="compilation">When given, methods that their own type maps as minimal-API handlers are recognised.</param>
        public ClientParameterClassifier(KnownSpanSymbols symbols, Compilation? compilation = null)
        {
            this.symbols = symbols;
            this.compilation = compilation;
            services = compilation is null ? null : new RegisteredServiceTypes(compilation, symbols);
        }

        /// <summary>Same answer as <c>Classify(parameter, reference) is not null</c>, memoized where it does not depend on <paramref name="reference"/>.</summary>
        public bool IsClient(IParameterSymbol parameter, IOperation reference)
        {
            // A lambda parameter is a handler parameter only when that lambda is passed to MapGet/MapPost..., which
            // Classify finds by walking up from the reference: not cached.
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            {
                return Classify(parameter, reference) is not null;
            }

            if (isClient.TryGetValue(parameter, out var known))
            {
                return known;
            }

            var result = Classify(parameter, reference) is not null;
            isClient.TryAdd(parameter, result);
            return result;
        }

        /// <summary>Describes the client source ("the request body parameter 'turn'"), or returns null.</summary>
        /// <param name="parameter">The parameter read.</param>
        /// <param name="reference">The reading operation, used to find the lambda that declares a handler parameter.</param>
        public string? Classify(IParameterSymbol parameter, IOperation reference)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type is null)
                {
                    continue;
                }

                if (Implements(type, symbols.FromServiceMetadata) || Is(type, symbols.FromKeyedServicesAttribute))
                {
                    return null;
                }

                var bound = Implements(type, symbols.FromBodyMetadata) ? "the request body parameter"
                    : Implements(type, symbols.FromHeaderMetadata) ? "the request header parameter"
                    : Implements(type, symbols.FromQueryMetadata) ? "the query string parameter"
                    : Implements(type, symbols.FromRouteMetadata) ? "the route parameter"
                    : Implements(type, symbols.FromFormMetadata) ? "the form parameter"
                    : Is(type, symbols.AsParametersAttribute) ? "the request-bound parameter"
                    : null;
                if (bound is not null)
                {
                    return bound + " '" + parameter.Name + "'";
                }
            }

            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return null;
            }

            if (method.MethodKind == MethodKind.AnonymousFunction)
            {
                return MinimalApiMapCall(method, reference) is { } map && IsBindable(parameter.Type)
                    && (InfersBody(map.TargetMethod.Name) || IsParsable(parameter.Type)) && !IsRegisteredService(parameter.Type)
                    ? "the request-bound handler parameter '" + parameter.Name + "'"
                    : null;
            }

            if ((method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction) && IsMappedByItsType(method) is { } bodyInferred)
            {
                return IsBindable(parameter.Type) && (bodyInferred || IsParsable(parameter.Type)) && !IsRegisteredService(parameter.Type)
                    ? "the request-bound handler parameter '" + parameter.Name + "'"
                    : null;
            }

            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
            {
                return null;
            }

            var containingType = method.ContainingType;
            if (IsController(containingType) && !HasAttribute(method, symbols.NonActionAttribute))
            {
                // Only an [ApiController]'s actions ask the container: a plain MVC controller model-binds a complex
                // type from the query or form whether or not it is registered.
                return IsBindable(parameter.Type) && !(IsApiController(containingType) && IsRegisteredService(parameter.Type))
                    ? "the request-bound action parameter '" + parameter.Name + "'"
                    : null;
            }

            if (symbols.Hub is not null && !method.IsOverride && DerivesFrom(containingType, symbols.Hub))
            {
                return IsBindable(parameter.Type) && !IsRegisteredService(parameter.Type)
                    ? "the SignalR hub method argument '" + parameter.Name + "'"
                    : null;
            }

            if (IsGrpcServiceMethod(method) && !Is(parameter.Type, symbols.ServerCallContext)
                && !parameter.Type.Name.StartsWith("IServerStreamWriter", System.StringComparison.Ordinal))
            {
                return "the gRPC request message '" + parameter.Name + "'";
            }

            return null;
        }

        /// <summary>
        /// A type the project registers in its service collection: ASP.NET Core resolves such a handler parameter from
        /// DI before it considers the request (<c>(TurnRequest turn, RequestTiming timing) =&gt; ...</c> after
        /// <c>AddScoped&lt;RequestTiming&gt;()</c>), so what it holds is the server's.
        /// </summary>
        private bool IsRegisteredService(ITypeSymbol type) => services is not null && services.Contains(type);

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute is null)
            {
                return false;
            }

            foreach (var data in symbol.GetAttributes())
            {
                if (data.AttributeClass is { } type && DerivesFrom(type, attribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? @interface)
        {
            if (@interface is null)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(ITypeSymbol? type, ITypeSymbol? other) =>
            type is not null && other is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, other);
    }
}
