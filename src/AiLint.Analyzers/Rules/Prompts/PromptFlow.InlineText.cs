// PromptFlow: text written at the slot itself: the member it is named after, the label and placeholder filters, and a template's constant text.
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class PromptFlow
    {
        /// <summary>The constant text a single-turn request's instructions are judged on: template holes are left out.</summary>
        public static string? ConstantParts(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            if (!(value is IInterpolatedStringOperation interpolated))
            {
                return null;
            }

            var builder = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation text)
                {
                    builder.Append(text.Text.ConstantValue.Value as string);
                }
                else if (part is IInterpolationOperation hole)
                {
                    builder.Append(hole.Expression.ConstantValue.Value as string ?? " ");
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// Text spelled inside the constant <paramref name="value"/> (a system message's content in JSON text), reported at
        /// <paramref name="location"/>, as text written at a slot is (the same filters, named after the containing member); null when it is not a prompt.
        /// </summary>
        internal static PromptOrigin? SpelledInside(IOperation value, string text, Location location)
        {
            if (string.IsNullOrWhiteSpace(text) || DataTemplate.OnlyPassesVariables(text) || IsDataLabel(text) || IsPlaceholderWord(text)
                || value.Syntax.ContainsDiagnostics || value.SemanticModel == null || NamingMember(value, value.SemanticModel) is not { } member)
            {
                return null;
            }

            return PromptOrigin.Of(PromptDeclaration.Inline(member, text, location, map: null, isUnnamed: true));
        }

        private static void AddInline(IOperation value, string text, PromptSourceMap? map, List<PromptOrigin> results) =>
            AddInline(value, value.Syntax, text, map, results);

        /// <summary>Adds text written where it is used, reported at <paramref name="at"/> (the value, or the builder that assembles it).</summary>
        private static void AddInline(IOperation value, SyntaxNode at, string text, PromptSourceMap? map, List<PromptOrigin> results, bool hasHoles = false)
        {
            // Half-typed text (an unterminated literal or template swallowing the code after it) is not a prompt yet.
            // A label for the data that follows (`"Intent:"` between few-shot examples) instructs nothing.
            if (IsDataLabel(text) || IsPlaceholderWord(text) || value.Syntax.ContainsDiagnostics || at.ContainsDiagnostics || value.SemanticModel == null || NamingMember(value, value.SemanticModel) is not { } member)
            {
                return;
            }

            results.Add(PromptOrigin.Of(PromptDeclaration.Inline(member, text, at.GetLocation(), map, hasHoles, isUnnamed: true)));
        }

        /// <summary>
        /// One bare word (<c>"system"</c>, <c>"instructions"</c>, <c>"test"</c>): a placeholder that fills the slot in
        /// harness and demo code, not a prompt the team maintains.
        /// </summary>
        private static bool IsPlaceholderWord(string text)
        {
            var trimmed = text.Trim();
            foreach (var c in trimmed)
            {
                // ASCII only: Chinese or Japanese text has no spaces between its words.
                if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-')))
                {
                    return false;
                }
            }

            return trimmed.Length > 0;
        }

        /// <summary>One or two words ending with ':' (<c>"Intent:"</c>, <c>"Answer:"</c>): a label, not an instruction.</summary>
        private static bool IsDataLabel(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed[trimmed.Length - 1] != ':' || trimmed.IndexOf('{') >= 0)
            {
                return false;
            }

            var words = 0;
            var inWord = false;
            foreach (var c in trimmed)
            {
                var isWordChar = !char.IsWhiteSpace(c);
                if (isWordChar && !inWord)
                {
                    words++;
                }

                inWord = isWordChar;
            }

            return words <= 2;
        }

        private static PromptSourceMap? PromptSourceMapFor(IOperation value, string text, CancellationToken cancellationToken) =>
            value.Syntax is ExpressionSyntax expression && value.SemanticModel != null
                ? PromptSourceMap.Create(expression, text, value.SemanticModel, cancellationToken)
                : null;

        /// <summary>
        /// The member text written at a slot is named after: the member that contains it, except that text in an object
        /// a constructor stores into a <c>readonly</c> field or get-only property (<c>_options = new ChatOptions {
        /// Instructions = "..." };</c>) is named after that member, as it is when written in the member's initializer.
        /// </summary>
        private static ISymbol? NamingMember(IOperation value, SemanticModel model)
        {
            var member = ContainingMember(model.GetEnclosingSymbol(value.Syntax.SpanStart));
            return member is IMethodSymbol constructor && HeldSlotObjects.ConstructorHolder(value, constructor) is { } holder ? holder : member;
        }

        /// <summary>
        /// The member a literal belongs to (lambdas and local functions belong to their containing member; a property's
        /// initializer to the property, not its backing field).
        /// </summary>
        private static ISymbol? ContainingMember(ISymbol? symbol)
        {
            if (symbol is IFieldSymbol { AssociatedSymbol: IPropertySymbol property })
            {
                return property;
            }

            while (symbol is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.AnonymousFunction || method.MethodKind == MethodKind.LocalFunction)
                {
                    symbol = method.ContainingSymbol;
                    continue;
                }

                if (method.AssociatedSymbol != null)
                {
                    return method.AssociatedSymbol;
                }

                break;
            }

            return symbol is INamespaceSymbol || symbol is INamedTypeSymbol ? null : symbol;
        }

        /// <summary>The template's text: constant parts as written, non-constant holes as <c>{expression}</c>; and its pieces for the source map.</summary>
        private static (string Text, List<(string Text, SyntaxToken? Token)> Pieces)? TemplateText(IInterpolatedStringOperation interpolated)
        {
            var builder = new StringBuilder();
            var pieces = new List<(string Text, SyntaxToken? Token)>();
            var hasText = false;
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation text && text.Text.ConstantValue.Value is string value)
                {
                    builder.Append(value);
                    hasText |= !string.IsNullOrWhiteSpace(value);
                    pieces.Add((value, (text.Syntax as InterpolatedStringTextSyntax)?.TextToken));
                }
                else if (part is IInterpolationOperation hole)
                {
                    var holeText = hole.Expression.ConstantValue.Value as string ?? "{" + hole.Expression.Syntax.ToString() + "}";
                    builder.Append(holeText);
                    hasText |= hole.Expression.ConstantValue.Value is string constant && !string.IsNullOrWhiteSpace(constant);
                    pieces.Add((holeText, null));
                }
                else
                {
                    return null;
                }
            }

            return hasText ? (builder.ToString(), pieces) : null;
        }
    }
}
