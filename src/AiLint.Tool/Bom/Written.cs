using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>
/// Reads a value "as written": the string it spells out when it is a constant, <c>new Uri("...")</c>, or a field or
/// property whose declaration initializes it that way (a settings class default, one step, no data flow); the
/// collection a foreach variable comes from; otherwise the source text of the expression.
/// </summary>
internal static class Written
{
    public static (string Value, bool IsLiteral, string? Origin) Read(IOperation value)
    {
        value = Unwrap(value);
        if (Literal(value) is { } literal)
        {
            return (literal, true, null);
        }

        var member = value switch
        {
            IPropertyReferenceOperation property => (ISymbol)property.Property,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
        if (member is not null && DefaultOf(member, value.SemanticModel?.Compilation) is { } fromDefault)
        {
            return (fromDefault, true, $"default of {member.ContainingType.Name}.{member.Name}");
        }

        // foreach (var endpoint in settings.Value.Servers): the list is what names the servers.
        if (value is ILocalReferenceOperation { Local: var local }
            && local.DeclaringSyntaxReferences is [var declaration]
            && declaration.GetSyntax() is ForEachStatementSyntax loop)
        {
            return (loop.Expression.ToString(), false, $"each item of {loop.Expression}");
        }

        return (value.Syntax.ToString(), false, null);
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        return value;
    }

    /// <summary>A string constant, or a <c>Uri</c> made from one.</summary>
    private static string? Literal(IOperation value) => value switch
    {
        { ConstantValue: { HasValue: true, Value: string text } } => text,
        IObjectCreationOperation { Type.Name: "Uri", Arguments: [var first, ..] } => Unwrap(first.Value).ConstantValue is { HasValue: true, Value: string uri } ? uri : null,
        _ => null,
    };

    private static string? DefaultOf(ISymbol member, Compilation? compilation)
    {
        if (compilation is null)
        {
            return null;
        }

        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var initializer = syntax switch
            {
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                _ => null,
            };
            if (initializer is null || !compilation.ContainsSyntaxTree(initializer.SyntaxTree))
            {
                continue;
            }

            if (compilation.GetSemanticModel(initializer.SyntaxTree).GetOperation(initializer) is { } operation
                && Literal(Unwrap(operation)) is { } text)
            {
                return text;
            }
        }

        return null;
    }
}
