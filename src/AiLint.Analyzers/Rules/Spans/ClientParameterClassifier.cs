using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Decides whether a parameter's value comes from the client: ASP.NET Core binding attributes, implicit binding of
    /// controller-action and minimal-API handler parameters, SignalR hub method arguments and gRPC request messages.
    /// </summary>
    internal sealed class ClientParameterClassifier
    {
        private readonly KnownSpanSymbols symbols;
        private readonly Compilation? compilation;
        private readonly RegisteredServiceTypes? services;

        // The methods of a type that the type itself passes as a method group to MapGet/MapPost... (one syntax walk per type).
        // Each handler maps to whether one of its Map* calls lets ASP.NET Core infer a body (anything but MapGet/MapDelete).
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableDictionary<IMethodSymbol, bool>> mappedHandlers =
            new ConcurrentDictionary<INamedTypeSymbol, ImmutableDictionary<IMethodSymbol, bool>>(SymbolEqualityComparer.Default);

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

        /// <summary>
        /// A type the project registers in its service collection: ASP.NET Core resolves such a handler parameter from
        /// DI before it considers the request (<c>(TurnRequest turn, RequestTiming timing) =&gt; ...</c> after
        /// <c>AddScoped&lt;RequestTiming&gt;()</c>), so what it holds is the server's.
        /// </summary>
        private bool IsRegisteredService(ITypeSymbol type) => services is not null && services.Contains(type);

        /// <summary><c>[ApiController]</c> on the controller, a base class or the assembly.</summary>
        private bool IsApiController(INamedTypeSymbol type)
        {
            if (symbols.ApiBehaviorMetadata is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetAttributes().Any(a => a.AttributeClass is { } attribute && Implements(attribute, symbols.ApiBehaviorMetadata)))
                {
                    return true;
                }
            }

            return type.ContainingAssembly?.GetAttributes().Any(a => a.AttributeClass is { } attribute && Implements(attribute, symbols.ApiBehaviorMetadata)) == true;
        }

        private bool IsController(INamedTypeSymbol type)
        {
            if (symbols.ControllerBase is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Is(current, symbols.ControllerBase) || HasAttribute(current, symbols.ControllerAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        // gRPC's generated "<Service>Base" class carries [BindServiceMethod]; service methods override its virtual methods.
        private bool IsGrpcServiceMethod(IMethodSymbol method)
        {
            if (symbols.BindServiceMethodAttribute is null || !method.IsOverride)
            {
                return false;
            }

            var overridden = method.OverriddenMethod;
            while (overridden?.OverriddenMethod is { } next)
            {
                overridden = next;
            }

            return overridden is not null && HasAttribute(overridden.ContainingType, symbols.BindServiceMethodAttribute);
        }

        /// <summary>
        /// A member of an <c>[AsParameters]</c> parameter that ASP.NET Core fills from DI, not from the request: eShop's
        /// <c>[AsParameters] CatalogServices services</c> groups a <c>DbContext</c>, options and a logger, and
        /// <c>services.Context.CatalogItems</c> is the database's. Such a member is a service when its type would not be
        /// bound as a handler parameter, or when it (or the constructor parameter that declares it) carries
        /// <c>[FromServices]</c>/<c>[FromKeyedServices]</c>.
        /// </summary>
        internal static bool IsServiceMemberOfAsParameters(KnownSpanSymbols symbols, IOperation? instance, ISymbol member)
        {
            while (instance is IConversionOperation or IParenthesizedOperation)
            {
                instance = instance is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)instance).Operand;
            }

            if (symbols.AsParametersAttribute is null || instance is not IParameterReferenceOperation { Parameter: var parameter }
                || !parameter.GetAttributes().Any(a => Is(a.AttributeClass, symbols.AsParametersAttribute)))
            {
                return false;
            }

            var type = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            if (type is null)
            {
                return false;
            }

            if (IsFromServices(symbols, member))
            {
                return true;
            }

            // A positional record's [FromServices] sits on the primary constructor's parameter of the same name.
            foreach (var constructor in member.ContainingType.InstanceConstructors)
            {
                foreach (var declared in constructor.Parameters)
                {
                    if (declared.Name == member.Name && IsFromServices(symbols, declared))
                    {
                        return true;
                    }
                }
            }

            return !IsBindable(type, symbols);
        }

        private static bool IsFromServices(KnownSpanSymbols symbols, ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && (Implements(type, symbols.FromServiceMetadata) || Is(type, symbols.FromKeyedServicesAttribute)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsBindable(ITypeSymbol type) => IsBindable(type, symbols);

        /// <summary>Types ASP.NET Core may bind from the request (route, query, header, body); not services or context objects.</summary>
        private static bool IsBindable(ITypeSymbol type, KnownSpanSymbols symbols)
        {
            if (type.TypeKind is TypeKind.Interface or TypeKind.Delegate or TypeKind.TypeParameter or TypeKind.Error || type.IsAbstract)
            {
                return false;
            }

            foreach (var excluded in symbols.NotBoundFromRequest)
            {
                if (DerivesFrom(type, excluded))
                {
                    return false;
                }
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return !ns.StartsWith("Microsoft.Extensions", System.StringComparison.Ordinal)
                && !ns.StartsWith("System.Diagnostics", System.StringComparison.Ordinal)
                && !ns.StartsWith("OpenTelemetry", System.StringComparison.Ordinal)
                && !IsProjectTypeWithoutRequestData(type)
                && !IsServiceType(type);
        }

        /// <summary>
        /// A class that only DI (or the app's own code) can create, never a request: it owns resources (implements
        /// <c>IDisposable</c>/<c>IAsyncDisposable</c>, like an EF Core <c>DbContext</c>, whose <c>DbSet</c> properties are
        /// public and settable), or no serializer or model binder can construct it (every public constructor takes a
        /// parameter that names none of its public members, such as <c>AppDbContext(DbContextOptions&lt;AppDbContext&gt;
        /// options)</c> or a primary-constructor service taking an <c>IChatClient</c>). ASP.NET Core binds such a handler
        /// parameter from the services, so what is read from it (rows of the database, a provider's reply) is server data.
        /// A type with a static <c>TryParse</c> or <c>BindAsync</c> is bound from the request whatever its constructors.
        /// </summary>
        private static bool IsServiceType(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.SpecialType != SpecialType.None || HasStaticBinder(named))
            {
                return false;
            }

            foreach (var implemented in named.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_IDisposable
                    || implemented is { Name: "IAsyncDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                {
                    return true;
                }
            }

            foreach (var constructor in named.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Public && !HasSerializerAttribute(constructor))
                {
                    continue;
                }

                // A constructor a deserializer can call: parameterless, or each parameter names a public member, or
                // marked for the serializer ([JsonConstructor]).
                if (constructor.Parameters.IsEmpty || HasSerializerAttribute(constructor)
                    || constructor.Parameters.All(p => NamesPublicMember(named, p.Name)))
                {
                    return false;
                }
            }

            // A type declared without any constructor has the implicit public parameterless one (seen above), so this
            // is reached only when every constructor takes a service-like parameter or is not public.
            return true;
        }

        private static bool HasStaticBinder(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType == SpecialType.None; current = current.BaseType)
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

        /// <summary>
        /// A class or struct of the project that no request can put data in: no public settable (or init) property, no
        /// public writable field, no public constructor parameter that names one of its properties or fields (how
        /// System.Text.Json fills a get-only property), no static <c>TryParse</c>/<c>BindAsync</c>. ASP.NET Core binds
        /// such a parameter from DI (<c>(ChatTurn turn, ServerClock clock) =&gt; ...</c>, a primary-constructor service),
        /// and even bound from a body it would hold no client value, so nothing read from it is client-supplied.
        /// </summary>
        private static bool IsProjectTypeWithoutRequestData(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                || named.SpecialType != SpecialType.None || named.IsRecord || !IsInSource(named))
            {
                return false;
            }

            for (var current = named; current != null && current.SpecialType == SpecialType.None; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (HasSerializerAttribute(member))
                    {
                        // [JsonInclude] on a private setter, [JsonConstructor], Newtonsoft's [JsonProperty]: filled anyway.
                        return false;
                    }

                    switch (member)
                    {
                        case IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, SetMethod.DeclaredAccessibility: Accessibility.Public }:
                        case IFieldSymbol { IsStatic: false, IsConst: false, IsReadOnly: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public }:
                        case IMethodSymbol { IsStatic: true, Name: "TryParse" or "BindAsync" }:
                            return false;
                        case IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false, DeclaredAccessibility: Accessibility.Public } constructor
                            when constructor.Parameters.Any(p => NamesPublicMember(named, p.Name)):
                            return false;
                    }
                }
            }

            return true;
        }

        private static bool HasSerializerAttribute(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                if (attribute.AttributeClass?.Name.StartsWith("Json", System.StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInSource(INamedTypeSymbol type)
        {
            foreach (var location in type.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesPublicMember(INamedTypeSymbol type, string name)
        {
            for (var current = type; current != null && current.SpecialType == SpecialType.None; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if ((member is IPropertySymbol { IsStatic: false } || member is IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false })
                        && member.DeclaredAccessibility == Accessibility.Public
                        && string.Equals(member.Name, name, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

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
