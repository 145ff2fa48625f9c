using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The method names a piece of syntax can invoke, read without binding: the name an explicit call spells, and the
    /// names of the calls the compiler makes for a construct without spelling them (query clauses, collection
    /// initializers, interpolated string handlers). The name filter of the project summary and its call graph both use
    /// it, so they agree on which invocations can be an edge of the call graph.
    /// </summary>
    /// <remarks>
    /// Only an <see cref="Microsoft.CodeAnalysis.Operations.IInvocationOperation"/> is an edge of
    /// <see cref="ProjectCallGraph"/>; other implicit calls (<c>await</c>'s GetAwaiter, <c>foreach</c>'s GetEnumerator,
    /// <c>using</c>'s Dispose, deconstruction, operators, conversions, property accessors, constructors of created
    /// objects) are represented by other operations and are not followed there, so they need no name here.
    /// </remarks>
    internal static class InvokedNames
    {
        private static readonly string[] None = Array.Empty<string>();
        private static readonly string[] CollectionInitializer = { "Add" };
        private static readonly string[] InterpolatedString = { "AppendLiteral", "AppendFormatted" };
        private static readonly string[] From = { "SelectMany", "Cast" };
        private static readonly string[] Join = { "Join", "GroupJoin", "Cast" };
        private static readonly string[] Select = { "Select" };
        private static readonly string[] Where = { "Where" };
        private static readonly string[] OrderBy = { "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending" };
        private static readonly string[] GroupBy = { "GroupBy" };

        /// <summary>
        /// The name an explicit call spells (<c>x.Name(...)</c>, <c>Name(...)</c>, <c>x?.Name(...)</c>, <c>Name&lt;T&gt;(...)</c>,
        /// <c>(x.Name)(...)</c>); null when the called expression is not a name (a delegate value such as <c>F()()</c>).
        /// </summary>
        public static string? CalledName(InvocationExpressionSyntax invocation)
        {
            var expression = invocation.Expression;
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                _ => null,
            };
        }

        /// <summary>
        /// Names of the methods the compiler may call for <paramref name="node"/> without the source spelling them
        /// (an over-approximation: <c>from</c> may be a SelectMany or a Cast, <c>orderby</c> any of the four orderings).
        /// </summary>
        public static string[] ImplicitNames(SyntaxNode node) => node.RawKind switch
        {
            (int)SyntaxKind.CollectionInitializerExpression => CollectionInitializer,
            (int)SyntaxKind.InterpolatedStringExpression => InterpolatedString,
            (int)SyntaxKind.FromClause => From,
            (int)SyntaxKind.JoinClause => Join,
            (int)SyntaxKind.LetClause or (int)SyntaxKind.SelectClause => Select,
            (int)SyntaxKind.WhereClause => Where,
            (int)SyntaxKind.OrderByClause => OrderBy,
            (int)SyntaxKind.GroupClause => GroupBy,
            _ => None,
        };
    }
}
