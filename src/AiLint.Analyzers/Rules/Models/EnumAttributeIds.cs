using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model ids kept as a catalog on a project enum's members and read at the slot through a project helper
    /// (review75, AIWebApi): <c>enum AIModel { [Description("gpt-4o")] Gpt4o }</c> with
    /// <c>builder.AddOpenAIChatCompletion(AIModel.Gpt4o.GetDescription(), key)</c>, where <c>GetDescription</c> reflects
    /// over the member's <c>[Description]</c>. Also <c>[EnumMember(Value = "...")]</c> and <c>[Display(Name = "...")]</c>.
    /// Read only when all of this is visible in source: the call's only argument is a constant member of a project enum;
    /// the helper is an ordinary, non-virtual method of the project returning <c>string</c>, with one parameter (the enum,
    /// <c>System.Enum</c> or a type parameter); its body looks the member up by the parameter's name
    /// (<c>GetField(value.ToString())</c> or <c>GetMember(...)</c>) and returns one attribute's value property
    /// (<c>Description</c>, <c>Value</c>, <c>Name</c> or <c>GetName()</c>) unchanged, through <c>?.</c>, a <c>??</c>
    /// fallback or a conditional's branch. The id is that attribute's argument on the member.
    /// </summary>
    internal sealed class EnumAttributeIds
    {
        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? description;
        private readonly INamedTypeSymbol? enumMember;
        private readonly INamedTypeSymbol? display;
        private readonly INamedTypeSymbol? type;
        private readonly INamedTypeSymbol? typeInfo;

        // Per helper: the attribute type whose value it returns, or null (boxed: null is an answer too).
        private readonly ConcurrentDictionary<IMethodSymbol, System.Runtime.CompilerServices.StrongBox<INamedTypeSymbol?>> readers =
            new ConcurrentDictionary<IMethodSymbol, System.Runtime.CompilerServices.StrongBox<INamedTypeSymbol?>>(SymbolEqualityComparer.Default);

        public EnumAttributeIds(Compilation compilation)
        {
            this.compilation = compilation;
            description = compilation.GetTypeByMetadataName("System.ComponentModel.DescriptionAttribute");
            enumMember = compilation.GetTypeByMetadataName("System.Runtime.Serialization.EnumMemberAttribute");
            display = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.DisplayAttribute");
            type = compilation.GetTypeByMetadataName("System.Type");
            typeInfo = compilation.GetTypeByMetadataName("System.Reflection.TypeInfo");
        }

        /// <summary>
        /// The id <paramref name="call"/> returns and the attribute argument that writes it, or null when the call is not
        /// such a read (a member chosen at run time, a member without the attribute, a helper that formats the name).
        /// </summary>
        public (string Id, ExpressionSyntax Written)? Of(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (call.Arguments.Length != 1
                || method.Parameters.Length != 1
                || method.MethodKind != MethodKind.Ordinary
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.ReturnType.SpecialType != SpecialType.System_String
                || ModelIdValue.Unwrap(call.Arguments[0].Value) is not IFieldReferenceOperation { Field: { HasConstantValue: true } member }
                || member.ContainingType is not { TypeKind: TypeKind.Enum } enumType
                || !SymbolEqualityComparer.Default.Equals(enumType.ContainingAssembly, compilation.Assembly)
                || !TakesTheEnum(method.Parameters[0].Type, enumType)
                || !SourceBodies.IsInSource(method, compilation)
                || Reader(method, cancellationToken) is not { } attributeType)
            {
                return null;
            }

            AttributeData? found = null;
            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    found = attribute;
                }
            }

            return found != null && ArgumentOf(found, attributeType, cancellationToken) is { } written ? written : null;
        }

        // GetDescription(this AIModel value), GetDescription(this Enum value), GetDescription<T>(this T value): the
        // parameter holds the member itself. An `object` or `int` parameter is another helper's business.
        private static bool TakesTheEnum(ITypeSymbol parameterType, INamedTypeSymbol enumType) =>
            parameterType.TypeKind == TypeKind.TypeParameter
            || parameterType.SpecialType == SpecialType.System_Enum
            || SymbolEqualityComparer.Default.Equals(parameterType, enumType);

        /// <summary>The string the attribute holds for the value the helper returns, and where it is written; null otherwise.</summary>
        private (string Id, ExpressionSyntax Written)? ArgumentOf(AttributeData attribute, INamedTypeSymbol attributeType, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
            {
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(attributeType, description))
            {
                // [Description("gpt-4o")]: the constructor's only argument.
                return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id
                    && arguments.Arguments.FirstOrDefault(a => a.NameEquals == null && a.NameColon == null) is { } positional
                        ? (id, positional.Expression)
                        : null;
            }

            // [Display(Name = "...", ResourceType = typeof(Labels))]: GetName() then returns the resource's text, not Name.
            if (SymbolEqualityComparer.Default.Equals(attributeType, display)
                && attribute.NamedArguments.Any(a => a.Key == "ResourceType"))
            {
                return null;
            }

            // [EnumMember(Value = "gpt-4o")], [Display(Name = "gpt-4o")]: a named argument.
            var name = SymbolEqualityComparer.Default.Equals(attributeType, enumMember) ? "Value" : "Name";
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name
                    && attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is string id)
                {
                    return (id, argument.Expression);
                }
            }

            return null;
        }

        private INamedTypeSymbol? Reader(IMethodSymbol method, CancellationToken cancellationToken) =>
            readers.GetOrAdd(method, m => new System.Runtime.CompilerServices.StrongBox<INamedTypeSymbol?>(FindReader(m, cancellationToken))).Value;

        /// <summary>
        /// The attribute type whose value the helper returns as it is, when its body also looks the member up by the
        /// parameter's name; null when it reads none, reads more than one kind, or changes what it read.
        /// </summary>
        private INamedTypeSymbol? FindReader(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (description == null && enumMember == null && display == null)
            {
                return null;
            }

            INamedTypeSymbol? read = null;
            var looksUpTheMember = false;
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var operation in body.Descendants())
                {
                    if (AttributeValueRead(operation) is { } attributeType)
                    {
                        if ((read != null && !SymbolEqualityComparer.Default.Equals(read, attributeType)) || !IsReturnedAsItIs(operation))
                        {
                            return null;
                        }

                        read = attributeType;
                    }
                    else if (operation is IInvocationOperation lookup && IsMemberLookup(lookup, method.Parameters[0], cancellationToken))
                    {
                        looksUpTheMember = true;
                    }
                }
            }

            return looksUpTheMember ? read : null;
        }

        // attribute.Description, attribute.Value, attribute.Name, attribute.GetName(): the attribute type it reads.
        private INamedTypeSymbol? AttributeValueRead(IOperation operation)
        {
            var (member, name) = operation switch
            {
                IPropertyReferenceOperation { Property: var property } => ((ISymbol)property, property.Name),
                IInvocationOperation { TargetMethod: var called } => (called, called.Name),
                _ => (null!, null),
            };

            if (name == null)
            {
                return null;
            }

            var owner = member.ContainingType;
            return name switch
            {
                "Description" when operation is IPropertyReferenceOperation && Same(owner, description) => description,
                "Value" when operation is IPropertyReferenceOperation && Same(owner, enumMember) => enumMember,
                "Name" when operation is IPropertyReferenceOperation && Same(owner, display) => display,
                "GetName" when operation is IInvocationOperation && Same(owner, display) => display,
                _ => null,
            };
        }

        private static bool Same(INamedTypeSymbol? owner, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(owner, known);

        /// <summary>
        /// Whether the value read is what the helper returns, unchanged: through <c>?.</c>, as the left side of <c>??</c>
        /// (the right side is the fallback for a member without the attribute), a conditional's branch, a conversion, to
        /// a <c>return</c> of the helper itself (not of a lambda inside it). <c>.Description.ToLower()</c>, an
        /// interpolation or a local in between: not read (a miss, not a guess).
        /// </summary>
        private static bool IsReturnedAsItIs(IOperation read)
        {
            for (var current = read; current.Parent is { } parent; current = parent)
            {
                switch (parent)
                {
                    case IConditionalAccessOperation access when access.WhenNotNull == current:
                    case ICoalesceOperation coalesce when coalesce.Value == current:
                    case IConditionalOperation conditional when conditional.WhenTrue == current || conditional.WhenFalse == current:
                    case IConversionOperation:
                        continue;
                    case IReturnOperation:
                        return !InsideALambda(parent);
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool InsideALambda(IOperation operation)
        {
            for (var ancestor = operation.Parent; ancestor != null; ancestor = ancestor.Parent)
            {
                if (ancestor is IAnonymousFunctionOperation || ancestor is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>value.GetType().GetField(value.ToString())</c>, <c>typeof(T).GetMember(Enum.GetName(typeof(T), value))</c>,
        /// <c>GetTypeInfo().GetDeclaredField(name)</c>: a reflection lookup of a member by a name the parameter gives.
        /// </summary>
        private bool IsMemberLookup(IInvocationOperation lookup, IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            var called = lookup.TargetMethod;
            if (!(called.Name is "GetField" or "GetMember" or "GetDeclaredField")
                || !(Same(called.ContainingType, type) || Same(called.ContainingType, typeInfo))
                || lookup.Arguments.Length == 0)
            {
                return false;
            }

            // GetField(name) with `var name = value.ToString();` (never written again): the name the local holds.
            var name = lookup.Arguments[0].Value;
            if (ModelIdValue.Unwrap(name) is ILocalReferenceOperation { Local: var local }
                && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                && lookup.SemanticModel?.GetOperation(initializer, cancellationToken) is { } initialValue)
            {
                name = initialValue;
            }

            return name.DescendantsAndSelf().Any(o =>
                o is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter));
        }
    }
}
