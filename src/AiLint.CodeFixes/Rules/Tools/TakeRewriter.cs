using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.CodeFixes.Rules.Tools
{
    /// <summary>Builds the capped form of a tool source: <c>x</c> becomes <c>x.Take(20)</c>, <c>x.Take(20).ToList()</c> or <c>x.Take(20).ToArray()</c>.</summary>
    internal static class TakeRewriter
    {
        /// <summary>The replacement for <paramref name="source"/>, or null when no <c>.Take</c> can produce a value of the type the catalog needs.</summary>
        public static ExpressionSyntax? Rewrite(ExpressionSyntax source, SemanticModel model, int cap, CancellationToken cancellationToken)
        {
            var capLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(cap));

            // x.Take(50) or x.Take(n) already in the chain: lower its argument to the cap.
            for (var current = source; current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation; current = access.Expression)
            {
                if (access.Name.Identifier.ValueText == "Take" && invocation.ArgumentList.Arguments.Count == 1 && IsEnumerableMethod(model, invocation, cancellationToken))
                {
                    var argument = invocation.ArgumentList.Arguments[0];
                    return source.ReplaceNode(argument.Expression, capLiteral.WithTriviaFrom(argument.Expression));
                }
            }

            // x.ToList() / x.ToArray(): insert the Take before the materialisation the author already wrote.
            if (source is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax materialise } materialiseCall
                && (materialise.Name.Identifier.ValueText == "ToList" || materialise.Name.Identifier.ValueText == "ToArray")
                && materialiseCall.ArgumentList.Arguments.Count == 0
                && IsEnumerableMethod(model, materialiseCall, cancellationToken))
            {
                return source.ReplaceNode(materialise.Expression, Take(materialise.Expression, capLiteral));
            }

            var taken = Take(source, capLiteral);
            if (source.Parent is SpreadElementSyntax || source.Parent is ForEachStatementSyntax)
            {
                return taken.WithTriviaFrom(source);
            }

            var info = model.GetTypeInfo(source, cancellationToken);
            var target = info.ConvertedType ?? info.Type;
            var sourceElement = ElementType(info.Type);
            var targetElement = ElementType(target);
            if (target == null || sourceElement == null || targetElement == null)
            {
                return null;
            }

            string? materialiser;
            if (target is IArrayTypeSymbol)
            {
                materialiser = "ToArray";
            }
            else if (target.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                materialiser = null;
            }
            else if (target.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IList_T
                or SpecialType.System_Collections_Generic_ICollection_T
                or SpecialType.System_Collections_Generic_IReadOnlyList_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
                || target.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>")
            {
                materialiser = "ToList";
            }
            else
            {
                return null;
            }

            if (materialiser == null)
            {
                return taken.WithTriviaFrom(source);
            }

            SimpleNameSyntax name = SyntaxFactory.IdentifierName(materialiser);
            if (!SymbolEqualityComparer.Default.Equals(sourceElement, targetElement))
            {
                // IList<McpClientTool> is no IList<AITool>: name the element type so ToList builds the right list.
                var conversion = model.Compilation.ClassifyConversion(sourceElement, targetElement);
                if (!conversion.IsReference && !conversion.IsIdentity)
                {
                    return null;
                }

                name = SyntaxFactory.GenericName(
                    SyntaxFactory.Identifier(materialiser),
                    SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.ParseTypeName(targetElement.ToMinimalDisplayString(model, source.SpanStart)))));
            }

            return SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taken.WithoutTrivia(), name))
                .WithTriviaFrom(source);
        }

        private static ExpressionSyntax Take(ExpressionSyntax receiver, ExpressionSyntax cap)
        {
            var needsParentheses = !(receiver is IdentifierNameSyntax
                || receiver is MemberAccessExpressionSyntax
                || receiver is InvocationExpressionSyntax
                || receiver is ElementAccessExpressionSyntax
                || receiver is ParenthesizedExpressionSyntax
                || receiver is ThisExpressionSyntax
                || receiver is GenericNameSyntax);
            var target = needsParentheses ? SyntaxFactory.ParenthesizedExpression(receiver.WithoutTrivia()) : receiver.WithoutTrivia();
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("Take")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(cap))))
                .WithTriviaFrom(receiver);
        }

        private static bool IsEnumerableMethod(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken) =>
            model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
            && method.ContainingType?.ToDisplayString() == "System.Linq.Enumerable";

        private static ITypeSymbol? ElementType(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return named.TypeArguments[0];
            }

            if (type == null)
            {
                return null;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return candidate.TypeArguments[0];
                }
            }

            return null;
        }
    }
}
