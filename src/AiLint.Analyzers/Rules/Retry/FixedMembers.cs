using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Members of an object that hold, once it is built, the object they were given in its constructor or initializer:
    /// a <c>readonly</c> instance field of a class (C# lets only the constructors and initializers of its type assign one)
    /// and a get-only (or init-only) auto property of the project (review 61, MigrationReport:
    /// <c>private readonly OpenAIOptions _options;</c> set from <c>IOptions&lt;T&gt;.Value</c>). What that object holds in
    /// turn may still change, so a reader of one is only as steady as the loop around it leaves the object.
    /// </summary>
    internal static class FixedMembers
    {
        /// <summary>A <c>readonly</c> instance field of a class (a struct method may overwrite <c>this</c> whole).</summary>
        public static bool IsFixedField(IFieldSymbol field) =>
            !field.IsStatic && !field.IsConst && field.IsReadOnly && field.ContainingType?.TypeKind == TypeKind.Class;

        /// <summary>
        /// A non-virtual get-only or init-only auto property of a class of the project (<c>OpenAIOptions Options { get; }</c>):
        /// no setter and no body, so only the constructors and initializers give it a value.
        /// </summary>
        public static bool IsFixedProperty(IPropertySymbol property, Compilation compilation)
        {
            if (property.IsStatic || property.IsIndexer || property.IsVirtual || property.IsAbstract || property.IsOverride
                || property.ContainingType?.TypeKind != TypeKind.Class
                || property.SetMethod is { IsInitOnly: false }
                || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            var declarations = property.DeclaringSyntaxReferences;
            return declarations.Length > 0 && declarations.All(r => r.GetSyntax() is PropertyDeclarationSyntax
            {
                ExpressionBody: null,
                AccessorList: { } accessors,
            } && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null));
        }

        /// <summary>
        /// <paramref name="instance"/> is reached from <c>this</c> through fixed members only (<c>_options</c>,
        /// <c>_options.Limits</c> when <c>Limits</c> is read in turn): a member read on it reads the object a fixed member holds.
        /// </summary>
        public static bool IsHeldByFixedMember(IOperation? instance)
        {
            var current = instance is null ? null : ValueOrigins.Unwrap(instance);
            for (var depth = 0; current is not null && depth < 8; depth++)
            {
                switch (current)
                {
                    case IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field:
                        return IsFixedField(field.Field);
                    case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }:
                        return true; // an own property that is not fixed is refused where it is read
                    case IMemberReferenceOperation { Instance: { } owner }:
                        current = ValueOrigins.Unwrap(owner);
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// A property read through a fixed member that returns what is stored, not what some code computes each time: not
        /// virtual, abstract or an interface's (an <c>IPromptSource.Current</c> may differ per call), except
        /// <c>IOptions&lt;T&gt;.Value</c>, which is the same snapshot on every read (<c>IOptionsMonitor&lt;T&gt;.CurrentValue</c> is not).
        /// </summary>
        public static bool IsPlainStoredProperty(IPropertySymbol property, Compilation compilation)
        {
            if (property.Name == "Value" && property.ContainingType is { } type
                && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptions`1")))
            {
                return true;
            }

            return !property.IsVirtual && !property.IsAbstract && !property.IsOverride && property.ContainingType?.TypeKind != TypeKind.Interface;
        }
    }
}
