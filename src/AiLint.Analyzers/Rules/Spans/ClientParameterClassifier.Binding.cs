// ClientParameterClassifier: which types ASP.NET Core binds from the request rather than from DI, and [AsParameters] members that are services.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class ClientParameterClassifier
    {
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
    }
}
