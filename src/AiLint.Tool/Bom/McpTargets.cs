using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>An MCP server's target as the BOM lists it.</summary>
/// <param name="Value">The value the code spells out, else the expression that computes it, else the name as written.</param>
/// <param name="IsLiteral">Whether <paramref name="Value"/> is a value the code spells out.</param>
/// <param name="Origin">Where the value came from, when not from the target itself.</param>
/// <param name="IsUnresolved">Whether the target is a bare name whose value the code does not show.</param>
internal readonly record struct McpTarget(string Value, bool IsLiteral, string? Origin, bool IsUnresolved);

/// <summary>
/// Reads an MCP target (an endpoint, a command, a hosted server's address) as written (<see cref="Written"/>), and
/// also through a local or a readonly field with one visible value: <c>var endpoint = new Uri(config["Mcp:Url"] ??
/// "http://localhost:5000/mcp")</c> is that fallback; <c>var url = "https://..."</c> is the literal; a value the code
/// computes is its expression, with the locals it reads written out. A bare name whose value is not visible (a
/// parameter, a local assigned more than once) says nothing about which server it is: it is unresolved.
/// </summary>
internal static partial class McpTargets
{
    // Held values are followed a few steps (a local holding a local): enough for real code, and no cycle runs on.
    private const int MaxSteps = 4;

    public static McpTarget Read(IOperation target, CancellationToken cancellationToken)
    {
        var written = Written.Read(target);
        if (written.IsLiteral || written.Origin is not null)
        {
            return new McpTarget(written.Value, written.IsLiteral, written.Origin, IsUnresolved: false);
        }

        if (LiteralOf(target, 0, cancellationToken) is { } literal)
        {
            return new McpTarget(literal.Value, true, literal.Origin, IsUnresolved: false);
        }

        var (held, holder) = Held(target, cancellationToken);
        if (holder is not null && !IsBareName(held.Syntax))
        {
            return new McpTarget(Inlined(held, cancellationToken), false, holder, IsUnresolved: false);
        }

        return new McpTarget(written.Value, false, null, IsBareName(Unwrap(target).Syntax));
    }

    /// <summary>
    /// The string the value comes to when the code spells it out: a constant, <c>new Uri("...")</c>, a settings class
    /// default, the literal fallback of <c>x ?? "..."</c>, or any of these held in a local or readonly field.
    /// </summary>
    private static (string Value, string? Origin)? LiteralOf(IOperation value, int steps, CancellationToken cancellationToken)
    {
        value = Unwrap(value);
        if (steps > MaxSteps)
        {
            return null;
        }

        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string text } }:
                return (text, null);
            case IObjectCreationOperation { Type.Name: "Uri", Arguments: [var first, ..] } when first.Parameter?.Type.SpecialType == SpecialType.System_String:
                return LiteralOf(first.Value, steps + 1, cancellationToken);
            case ICoalesceOperation coalesce when LiteralOf(coalesce.WhenNull, steps + 1, cancellationToken) is { } fallback:
                return (fallback.Value, fallback.Origin ?? $"fallback of {Inlined(coalesce.Value, cancellationToken)}");
            case IPropertyReferenceOperation or IFieldReferenceOperation when Written.Read(value) is { IsLiteral: true } member:
                return (member.Value, member.Origin);
        }

        return SoleValue(value, cancellationToken) is { } held ? LiteralOf(held, steps + 1, cancellationToken) : null;
    }

    /// <summary>The value a local or readonly field holds, followed a few steps, and the first name that held it.</summary>
    private static (IOperation Value, string? Holder) Held(IOperation value, CancellationToken cancellationToken)
    {
        value = Unwrap(value);
        string? holder = null;
        for (var step = 0; step < MaxSteps && SoleValue(value, cancellationToken) is { } held; step++)
        {
            holder ??= value is ILocalReferenceOperation { Local.Name: var local } ? $"local '{local}'" : $"field '{((IFieldReferenceOperation)value).Field.Name}'";
            value = Unwrap(held);
        }

        return (value, holder);
    }

    /// <summary>
    /// The only value a local or a readonly field is given that the code shows: a local's initializer when nothing
    /// assigns it again; a readonly field's initializer or its one assignment in a constructor. Null otherwise.
    /// </summary>
    private static IOperation? SoleValue(IOperation value, CancellationToken cancellationToken)
    {
        if (value.SemanticModel is not { } model)
        {
            return null;
        }

        return value switch
        {
            ILocalReferenceOperation { Local: { IsRef: false, IsConst: false } local } => LocalValue(local, model, cancellationToken),
            IFieldReferenceOperation { Field: { IsReadOnly: true, IsConst: false } field } => FieldValue(field, model.Compilation, cancellationToken),
            _ => null,
        };
    }

    private static IOperation? LocalValue(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        LocalInitializer(local, model, cancellationToken) is { } initializer ? model.GetOperation(initializer, cancellationToken) : null;

    /// <summary>A local's initializer, when nothing in its scope assigns the local again; null otherwise.</summary>
    private static ExpressionSyntax? LocalInitializer(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences is not [var reference]
            || reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initializer } declarator
            || initializer.IsMissing
            || declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        // The local's scope is the block (or switch section, or top-level statements) that declares it.
        var scope = declarator.Ancestors().FirstOrDefault(a => a is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax);
        if (scope is GlobalStatementSyntax)
        {
            scope = scope.Parent;
        }

        return scope is null || IsWritten(scope, local, model, cancellationToken) ? null : initializer;
    }

    private static IOperation? FieldValue(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
    {
        IOperation? only = null;
        var count = 0;
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var initializer }
                && compilation.ContainsSyntaxTree(initializer.SyntaxTree))
            {
                only = compilation.GetSemanticModel(initializer.SyntaxTree).GetOperation(initializer, cancellationToken);
                count++;
            }
        }

        // A readonly field is assigned only in its type's declarations (constructors): each assignment is another value.
        foreach (var declaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            var syntax = declaration.GetSyntax(cancellationToken);
            if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                return null;
            }

            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            foreach (var assignment in syntax.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (NameOf(assignment.Left) == field.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, field))
                {
                    only = model.GetOperation(assignment.Right, cancellationToken);
                    count++;
                }
            }
        }

        return count == 1 ? only : null;
    }

    /// <summary>Whether <paramref name="scope"/> writes the symbol anywhere but its declaration (assignment, ref/out, ++/--).</summary>
    private static bool IsWritten(SyntaxNode scope, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != symbol.Name || !IsWriteContext(identifier))
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWriteContext(ExpressionSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is ParenthesizedExpressionSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None)
                || argument.Parent is TupleExpressionSyntax, // (a, endpoint) = ...: a deconstruction's target
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            RefExpressionSyntax => true,
            _ => false,
        };
    }

    /// <summary>
    /// The value's source text with each local it reads that holds one visible value written out (in parentheses when
    /// it is not a simple expression): <c>new Uri(mcpUrl, "/mcp")</c> shows the environment variable <c>mcpUrl</c> reads.
    /// </summary>
    private static string Inlined(IOperation value, CancellationToken cancellationToken) =>
        value.SemanticModel is { } model && value.Syntax.SyntaxTree == model.SyntaxTree ? Inlined(value.Syntax, model, 0, cancellationToken) : value.Syntax.ToString();

    private static string Inlined(SyntaxNode syntax, SemanticModel model, int steps, CancellationToken cancellationToken)
    {
        var text = syntax.ToString();
        if (steps >= MaxSteps)
        {
            return text;
        }

        var start = syntax.Span.Start;
        foreach (var identifier in syntax.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Reverse())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol { IsRef: false, IsConst: false } local
                && LocalInitializer(local, model, cancellationToken) is { } initializer)
            {
                var inlined = Inlined(initializer, model, steps + 1, cancellationToken);
                text = text.Remove(identifier.Span.Start - start, identifier.Span.Length)
                    .Insert(identifier.Span.Start - start, IsSimple(initializer) ? inlined : $"({inlined})");
            }
        }

        return text;
    }

    private static bool IsSimple(SyntaxNode syntax) => syntax is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
        or ElementAccessExpressionSyntax or BaseObjectCreationExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
        or InterpolatedStringExpressionSyntax or PostfixUnaryExpressionSyntax;

    /// <summary>A name alone (<c>endpoint</c>, <c>this.endpoint</c>, <c>endpoint!</c>): it does not say which server it is.</summary>
    private static bool IsBareName(SyntaxNode syntax)
    {
        while (syntax is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            syntax = syntax is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)syntax).Operand;
        }

        return syntax is IdentifierNameSyntax || syntax is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };
    }

    private static string? NameOf(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        return value;
    }
}
