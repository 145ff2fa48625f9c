// ClientParameterClassifier: MVC and API controllers and gRPC service methods, whose action and method parameters come from the request.
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class ClientParameterClassifier
    {
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
    }
}
