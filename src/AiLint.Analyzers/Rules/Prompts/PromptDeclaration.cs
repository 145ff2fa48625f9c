using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A member that can be a prompt: a const or static readonly string field, or a get-only static string property,
    /// with its folded constant text. It becomes a prompt when [Prompt]-annotated or passed into an SDK system slot.
    /// </summary>
    internal sealed class PromptDeclaration
    {
        private PromptDeclaration(ISymbol member, string id, string? text, Location location, PromptSourceMap? sourceMap, bool isAnnotated)
        {
            Member = member;
            Id = id;
            Text = text;
            Location = location;
            SourceMap = sourceMap;
            IsAnnotated = isAnnotated;
        }

        public ISymbol Member { get; }

        /// <summary>[Prompt("id")], else <c>Namespace.Type.Member</c> with nested types joined by '.'.</summary>
        public string Id { get; }

        /// <summary>The folded prompt text; null for a [Prompt] member whose value is not a constant.</summary>
        public string? Text { get; }

        /// <summary>The member's identifier, where AIL0301/AIL0302 go.</summary>
        public Location Location { get; }

        public PromptSourceMap? SourceMap { get; }

        public bool IsAnnotated { get; }

        /// <summary>The name of the type declaring the prompt: the default eval file is <c>evals/&lt;TypeName&gt;.evals.jsonl</c>.</summary>
        public string TypeName => Member.ContainingType?.Name ?? "Prompts";

        /// <summary>Reads the candidate prompts declared by a field declaration.</summary>
        public static void Read(FieldDeclarationSyntax field, SemanticModel model, KnownPromptSymbols symbols, List<PromptDeclaration> results, CancellationToken cancellationToken)
        {
            var isConst = field.Modifiers.Any(SyntaxKind.ConstKeyword);
            var isStaticReadonly = field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword);
            if (!isConst && !isStaticReadonly && field.AttributeLists.Count == 0)
            {
                return;
            }

            foreach (var declarator in field.Declaration.Variables)
            {
                if (!(model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol symbol)
                    || symbol.Type.SpecialType != SpecialType.System_String)
                {
                    continue;
                }

                var annotation = FindPromptAttribute(symbol, symbols);
                var shapeOk = symbol.IsConst || (symbol.IsStatic && symbol.IsReadOnly);
                if (!shapeOk && annotation == null)
                {
                    continue;
                }

                var initializer = declarator.Initializer?.Value;
                string? text = null;
                if (shapeOk && initializer != null)
                {
                    text = symbol.IsConst
                        ? symbol.ConstantValue as string
                        : model.GetConstantValue(initializer, cancellationToken).Value as string;
                }

                Add(symbol, declarator.Identifier.GetLocation(), initializer, text, annotation, model, results, cancellationToken);
            }
        }

        /// <summary>Reads the candidate prompt declared by a property declaration.</summary>
        public static void Read(PropertyDeclarationSyntax property, SemanticModel model, KnownPromptSymbols symbols, List<PromptDeclaration> results, CancellationToken cancellationToken)
        {
            if (!property.Modifiers.Any(SyntaxKind.StaticKeyword) && property.AttributeLists.Count == 0)
            {
                return;
            }

            if (!(model.GetDeclaredSymbol(property, cancellationToken) is IPropertySymbol symbol) || symbol.Type.SpecialType != SpecialType.System_String)
            {
                return;
            }

            var annotation = FindPromptAttribute(symbol, symbols);
            var shapeOk = symbol.IsStatic && symbol.SetMethod == null && symbol.GetMethod != null;
            if (!shapeOk && annotation == null)
            {
                return;
            }

            var valueExpression = shapeOk ? GetterValue(property) : null;
            var text = valueExpression != null ? model.GetConstantValue(valueExpression, cancellationToken).Value as string : null;
            Add(symbol, property.Identifier.GetLocation(), valueExpression, text, annotation, model, results, cancellationToken);
        }

        /// <summary>The single value a get-only property returns: <c>=> x</c>, <c>{ get; } = x</c>, <c>{ get => x; }</c>, <c>{ get { return x; } }</c>.</summary>
        private static ExpressionSyntax? GetterValue(PropertyDeclarationSyntax property)
        {
            if (property.ExpressionBody != null)
            {
                return property.ExpressionBody.Expression;
            }

            if (property.Initializer != null)
            {
                return property.Initializer.Value;
            }

            var accessors = property.AccessorList?.Accessors;
            if (accessors is { Count: 1 } list && list[0].IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                var getter = list[0];
                if (getter.ExpressionBody != null)
                {
                    return getter.ExpressionBody.Expression;
                }

                if (getter.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax ret)
                {
                    return ret.Expression;
                }
            }

            return null;
        }

        private static void Add(
            ISymbol symbol,
            Location location,
            ExpressionSyntax? valueExpression,
            string? text,
            AttributeData? annotation,
            SemanticModel model,
            List<PromptDeclaration> results,
            CancellationToken cancellationToken)
        {
            // A non-annotated member is only a candidate (an SDK slot may make it a prompt) when its text is known.
            if (text == null && annotation == null)
            {
                return;
            }

            var explicitId = annotation != null && annotation.ConstructorArguments.Length == 1
                ? annotation.ConstructorArguments[0].Value as string
                : null;
            var id = string.IsNullOrWhiteSpace(explicitId) ? FullName(symbol) : explicitId!;
            var map = text != null && valueExpression != null ? PromptSourceMap.Create(valueExpression, text, model, cancellationToken) : null;
            results.Add(new PromptDeclaration(symbol, id, text, location, map, annotation != null));
        }

        private static AttributeData? FindPromptAttribute(ISymbol symbol, KnownPromptSymbols symbols)
        {
            if (symbols.PromptAttribute == null)
            {
                return null;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.PromptAttribute))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary><c>Namespace.Type.Member</c>, nested types joined with '.', no generic arity (CONTRACT.md).</summary>
        public static string FullName(ISymbol member)
        {
            var parts = new List<string> { member.Name };
            for (var type = member.ContainingType; type != null; type = type.ContainingType)
            {
                parts.Add(type.Name);
            }

            var ns = member.ContainingNamespace;
            var builder = new StringBuilder();
            if (ns != null && !ns.IsGlobalNamespace)
            {
                builder.Append(ns.ToDisplayString()).Append('.');
            }

            for (var i = parts.Count - 1; i >= 0; i--)
            {
                builder.Append(parts[i]);
                if (i > 0)
                {
                    builder.Append('.');
                }
            }

            return builder.ToString();
        }
    }
}
