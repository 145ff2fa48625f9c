using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>
/// A stdio server's arguments, read as a target is read: a list the code writes (an array, a collection expression, a
/// collection initializer), also through a local or readonly field with one visible value, is read element by element,
/// each element as <see cref="Read"/> reads a target (a local holding a literal is that literal). A list whose elements
/// the code does not show (a parameter, a local assigned more than once, configuration split at run time) is one
/// unresolved argument: a name says nothing about which server it is, so the server is known by its place.
/// </summary>
internal static partial class McpTargets
{
    public static ImmutableArray<McpArgument> ReadArguments(IOperation value, CancellationToken cancellationToken)
    {
        value = Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: null })
        {
            return [];
        }

        if (ElementsOf(value) is { } written)
        {
            return Each(written, cancellationToken);
        }

        var (held, holder) = Held(value, cancellationToken);
        if (holder is not null && ElementsOf(held) is { } heldElements)
        {
            return Each(heldElements, cancellationToken);
        }

        // Shown as the expression the list comes from, with the locals it reads written out, else as written.
        var text = holder is not null && !IsBareName(held.Syntax) ? Inlined(held, cancellationToken) : value.Syntax.ToString();
        return [new McpArgument(text, false) { IsUnresolved = true }];
    }

    private static ImmutableArray<McpArgument> Each(IEnumerable<IOperation> elements, CancellationToken cancellationToken) =>
        [.. elements
            .Select(element => Read(element, cancellationToken))
            // A missing element of half-typed code has no text: nothing to list.
            .Where(read => read.IsLiteral || read.Value.Length > 0)
            .Select(read => new McpArgument(read.Value, read.IsLiteral) { IsUnresolved = read.IsUnresolved })];

    private static IEnumerable<IOperation>? ElementsOf(IOperation list) => Unwrap(list) switch
    {
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        ICollectionExpressionOperation collection => collection.Elements,
        IObjectCreationOperation { Arguments.IsEmpty: true, Initializer: { } initializer }
            when initializer.Initializers.All(i => i is IInvocationOperation { Arguments.Length: 1 }) =>
                initializer.Initializers.Select(i => ((IInvocationOperation)i).Arguments[0].Value),
        _ => null,
    };
}
