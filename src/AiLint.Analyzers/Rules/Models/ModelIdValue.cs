using System;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>Folds a model-slot value to the string it always holds, where the code makes that certain.</summary>
    internal static class ModelIdValue
    {
        /// <summary>
        /// A literal or <c>const</c> (the compiler's constant value), a string field initialised with a literal that
        /// only its type can write and never writes again (<see cref="NeverReassignedFieldLiteral"/>), or a local
        /// initialised with a string literal and never written again. Anything else (configuration, a parameter, a
        /// reassigned local or field) is unknown: null.
        /// </summary>
        public static string? Fold(IOperation value, CancellationToken cancellationToken)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            if (value is IFieldReferenceOperation { Field: var field })
            {
                return NeverReassignedFieldLiteral(field, cancellationToken);
            }

            if (value is ILocalReferenceOperation { Local: { IsConst: false, IsRef: false } local }
                && local.Type?.SpecialType == SpecialType.System_String)
            {
                return NeverReassignedLiteral(local, cancellationToken);
            }

            return null;
        }

        /// <summary>
        /// A <c>string</c> field initialised with a string literal that holds it for certain: <c>static readonly</c>
        /// (<c>ChatModels.Gpt4</c>), or an instance field that is <c>readonly</c> or <c>private</c>
        /// (<c>private readonly string _model = "gpt-4o";</c>), so that only its own type can write it, and that no
        /// member of its type writes again (a constructor that assigns <c>_model = model;</c> makes it unknown). Any
        /// write to a name spelled the same way in the type counts, to stay on the safe side. A mutable field other
        /// types can write is never read.
        /// </summary>
        private static string? NeverReassignedFieldLiteral(IFieldSymbol field, CancellationToken cancellationToken)
        {
            // An attribute on the field ([SerializeField], [JsonProperty], [Export]) means a serializer or an editor sets it.
            if (field.IsConst
                || field.Type.SpecialType != SpecialType.System_String
                || !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)
                || !field.GetAttributes().IsEmpty
                || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.Initializer?.Value is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return null;
            }

            var name = field.Name;
            foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var identifier in part.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == name && IsWritten(identifier))
                    {
                        return null;
                    }
                }
            }

            return literal.Token.ValueText;
        }

        /// <summary>
        /// <c>var model = "gpt-4o"; new ChatClient(model, key)</c>: a local initialised with a string literal holds it
        /// for certain when nothing in its member writes the local again (an assignment, <c>ref</c>/<c>out</c>, a
        /// <c>ref</c> alias). Any write to a name spelled the same way counts, to stay on the safe side.
        /// </summary>
        private static string? NeverReassignedLiteral(ILocalSymbol local, CancellationToken cancellationToken) =>
            NeverReassignedInitializer(local, cancellationToken) is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? literal.Token.ValueText
                : null;

        /// <summary>
        /// The initializer of a local that nothing in its member writes again (<c>var model = config["Model"] ?? "gpt-4o";</c>):
        /// the local holds that value wherever it is read. Null for a local without an initializer, or one written again.
        /// </summary>
        public static ExpressionSyntax? NeverReassignedInitializer(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.IsConst
                || local.IsRef
                || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.Initializer?.Value is not { } initializer)
            {
                return null;
            }

            // The member that holds the local (lambdas and local functions included); top-level statements: the file.
            SyntaxNode scope = declarator.SyntaxTree.GetRoot(cancellationToken);
            foreach (var ancestor in declarator.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax && ancestor is not GlobalStatementSyntax)
                {
                    scope = ancestor;
                    break;
                }
            }

            var name = local.Name;
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == name && IsWritten(identifier))
                {
                    return null;
                }
            }

            return initializer;
        }

        /// <summary>An identifier that is assigned, passed by <c>ref</c>/<c>out</c>, or taken by reference, within its statement.</summary>
        internal static bool IsWritten(IdentifierNameSyntax identifier)
        {
            for (SyntaxNode node = identifier; node.Parent != null; node = node.Parent)
            {
                switch (node.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left.Span.Contains(identifier.Span):
                        return true;
                    case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                        return true;
                    case RefExpressionSyntax:
                        return true;
                    case StatementSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The model id a settings property of the project starts with (<c>public string Model { get; set; } =
        /// "gpt-4o";</c>, or <c>public string Model =&gt; "gpt-4o";</c>): an auto-property declared once in source, not
        /// virtual, abstract or an override, whose initializer (or expression body) is a value <see cref="Fold"/> reads:
        /// a string literal, a <c>const</c> (<c>= DefaultModel</c>, <c>= OpenAIModels.Gpt35Turbo</c>) or a
        /// <c>static readonly</c> field initialised with a literal, or an entry of a community SDK's model catalog that
        /// <paramref name="catalog"/> reads (Betalgo's <c>= Models.Gpt_4</c>, a property, read as at a slot). Also the
        /// positional property of a record whose parameter's default is such a value
        /// (<c>record AiSettings(string Model = "gpt-4")</c>). Null otherwise.
        /// </summary>
        public static string? SettingsDefault(IOperation value, CancellationToken cancellationToken, Func<IOperation, string?>? catalog = null)
        {
            if (Unwrap(value) is not IPropertyReferenceOperation { Property: { IsVirtual: false, IsAbstract: false, IsOverride: false, IsIndexer: false } property }
                || property.Type.SpecialType != SpecialType.System_String
                || property.DeclaringSyntaxReferences.Length != 1
                || IsSetByAFramework(property))
            {
                return null;
            }

            ExpressionSyntax? written;
            switch (property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken))
            {
                case ParameterSyntax { Parent.Parent: RecordDeclarationSyntax } positional:
                    // The positional property starts with the parameter's default whenever the record is built (or bound
                    // from configuration) without that argument.
                    written = positional.Default?.Value;
                    break;
                case PropertyDeclarationSyntax { ExpressionBody: { } body }:
                    written = body.Expression;
                    break;
                case PropertyDeclarationSyntax declaration when declaration.AccessorList != null
                        && declaration.AccessorList.Accessors.All(a => a.Body == null && a.ExpressionBody == null):
                    written = declaration.Initializer?.Value;
                    break;
                default:
                    return null;
            }

            if (written is LiteralExpressionSyntax literal)
            {
                return literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
            }

            // A constant or a static readonly field named there: bound in its own file (the settings class is usually
            // declared in another file than the slot that reads it).
            return written is IdentifierNameSyntax or MemberAccessExpressionSyntax
                && value.SemanticModel?.Compilation is { } compilation
                && SourceBodies.GetOperation(written, compilation, cancellationToken) is { } operation
                ? Fold(operation, cancellationToken) ?? catalog?.Invoke(operation)
                : null;
        }

        /// <summary>
        /// A settings property configuration binds (<c>public string ChatModelName { get; set; }</c>, with or without a
        /// default, <c>init</c> too, or a positional record property) read at <paramref name="value"/>: a <c>string</c>
        /// auto-property of the project declared once, with a setter, not virtual, abstract or an override, and not one
        /// a framework sets (<see cref="IsSetByAFramework"/>). Null for anything else (a computed property, a field).
        /// </summary>
        public static IPropertySymbol? BoundSettingsProperty(IOperation value, CancellationToken cancellationToken)
        {
            if (Unwrap(value) is not IPropertyReferenceOperation { Property: { IsVirtual: false, IsAbstract: false, IsOverride: false, IsIndexer: false, IsStatic: false } property }
                || property.Type.SpecialType != SpecialType.System_String
                || property.DeclaringSyntaxReferences.Length != 1
                || IsSetByAFramework(property))
            {
                return null;
            }

            return property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
            {
                ParameterSyntax { Parent.Parent: RecordDeclarationSyntax } => property,
                PropertyDeclarationSyntax { AccessorList: { } accessors }
                    when accessors.Accessors.All(a => a.Body == null && a.ExpressionBody == null)
                        && accessors.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration)) => property,
                _ => null,
            };
        }

        // A Blazor component parameter is set by its parent ([Parameter], [CascadingParameter], [SupplyParameterFrom*]),
        // and an engine-edited property by the editor (Unity's [SerializeField] on the backing field, Godot's [Export]):
        // their initializer is not the value the app runs with.
        private static bool IsSetByAFramework(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name;
                if (name is "ParameterAttribute" or "CascadingParameterAttribute" or "SerializeField" or "SerializeFieldAttribute" or "ExportAttribute"
                    || (name != null && name.StartsWith("SupplyParameterFrom", System.StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Strips conversions, including user-defined ones (Anthropic converts a string to its model type).</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
