using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>One MCP server connection found in source, before merging.</summary>
internal sealed record McpServerUse(string Transport, string Target, bool IsLiteral, string? Origin, string? Name, ImmutableArray<McpArgument> Arguments, SourceLocation Location)
{
    /// <summary>Whether the target is a bare name whose value the code does not show (<see cref="McpTargets"/>).</summary>
    public bool IsUnresolved { get; init; }
}

/// <summary>
/// Finds the MCP servers the code connects to, by symbol (ModelContextProtocol 2.x and MEAI):
/// <c>new HttpClientTransportOptions { Endpoint = ... }</c> (http), <c>new StdioClientTransportOptions { Command = ...,
/// Arguments = [...] }</c> (stdio) and <c>new HostedMcpServerTool(serverName, serverAddress)</c> (a server the model
/// provider connects to). The target is reported as written: its value when it is a literal or a member whose
/// initializer is a literal (a settings class default), also through a local or readonly field with one visible
/// value; otherwise the expression's text, or unresolved for a bare name whose value is not visible (McpTargets).
/// A stdio server's arguments are read the same way, element by element (McpTargets.ReadArguments).
/// </summary>
internal static class McpServerFinder
{
    public static IEnumerable<McpServerUse> Find(Compilation compilation, Func<SyntaxTree, int, SourceLocation> locate, CancellationToken cancellationToken = default)
    {
        var http = compilation.GetTypeByMetadataName("ModelContextProtocol.Client.HttpClientTransportOptions");
        var stdio = compilation.GetTypeByMetadataName("ModelContextProtocol.Client.StdioClientTransportOptions");
        var hosted = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.HostedMcpServerTool");
        if (http is null && stdio is null && hosted is null)
        {
            yield break;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if (model.GetOperation(node, cancellationToken) is not IObjectCreationOperation { Type: INamedTypeSymbol type } creation)
                {
                    continue;
                }

                var location = locate(tree, tree.GetLineSpan(node.Span, cancellationToken).StartLinePosition.Line + 1);
                IEnumerable<McpServerUse> uses = [];
                if (SymbolEqualityComparer.Default.Equals(type, http))
                {
                    uses = FromInitializer(compilation, creation, "http", "Endpoint", location, cancellationToken);
                }
                else if (SymbolEqualityComparer.Default.Equals(type, stdio))
                {
                    uses = FromInitializer(compilation, creation, "stdio", "Command", location, cancellationToken);
                }
                else if (SymbolEqualityComparer.Default.Equals(type, hosted))
                {
                    uses = FromHostedTool(compilation, creation, location, cancellationToken);
                }

                foreach (var use in uses)
                {
                    yield return use;
                }
            }
        }
    }

    private static IEnumerable<McpServerUse> FromInitializer(Compilation compilation, IObjectCreationOperation creation, string transport, string targetProperty, SourceLocation location, CancellationToken cancellationToken)
    {
        IOperation? target = null;
        var arguments = ImmutableArray<McpArgument>.Empty;
        string? name = null;
        foreach (var initializer in creation.Initializer?.Initializers ?? [])
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var property } } assignment)
            {
                continue;
            }

            if (property == targetProperty)
            {
                target = assignment.Value;
            }
            else if (property == "Name")
            {
                name = Written.Read(assignment.Value).Value;
            }
            else if (property == "Arguments")
            {
                arguments = McpTargets.ReadArguments(assignment.Value, cancellationToken);
            }
        }

        return target is null
            ? []
            : Targets(compilation, target, cancellationToken).Select(read => new McpServerUse(transport, read.Value, read.IsLiteral, read.Origin, name, arguments, location) { IsUnresolved = read.IsUnresolved });
    }

    private static IEnumerable<McpServerUse> FromHostedTool(Compilation compilation, IObjectCreationOperation creation, SourceLocation location, CancellationToken cancellationToken)
    {
        IOperation? address = null;
        string? name = null;
        foreach (var argument in creation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "serverAddress" or "serverUrl":
                    address = argument.Value;
                    break;
                case "serverName":
                    name = Written.Read(argument.Value).Value;
                    break;
            }
        }

        return address is null
            ? []
            : Targets(compilation, address, cancellationToken).Select(read => new McpServerUse("hosted", read.Value, read.IsLiteral, read.Origin, name, [], location) { IsUnresolved = read.IsUnresolved });
    }

    /// <summary>
    /// The target as written (<see cref="McpTargets"/>); when it is a parameter of a helper (a private
    /// <c>ConnectAsync(Uri endpoint)</c>), the arguments its callers in this compilation pass instead, one step up, each
    /// read the same way.
    /// </summary>
    private static IEnumerable<McpTarget> Targets(Compilation compilation, IOperation target, CancellationToken cancellationToken)
    {
        var unwrapped = target;
        while (unwrapped is IConversionOperation { IsImplicit: true } conversion)
        {
            unwrapped = conversion.Operand;
        }

        if (unwrapped is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter }
            && method.DeclaredAccessibility == Accessibility.Private)
        {
            var fromCallers = CallerArguments(compilation, method, parameter, cancellationToken)
                .Select(argument => McpTargets.Read(argument, cancellationToken))
                .Select(read => read.IsUnresolved ? read : read with { Origin = read.Origin ?? $"argument '{parameter.Name}' of {method.Name}" })
                .ToList();
            if (fromCallers.Count > 0)
            {
                return fromCallers;
            }
        }

        return [McpTargets.Read(target, cancellationToken)];
    }

    private static IEnumerable<IOperation> CallerArguments(Compilation compilation, IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        // A private method is only called from its own type's declarations.
        foreach (var declaration in method.ContainingType.DeclaringSyntaxReferences)
        {
            var syntax = declaration.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            foreach (var invocation in syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call
                    && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    foreach (var argument in call.Arguments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                        {
                            yield return argument.Value;
                        }
                    }
                }
            }
        }
    }
}
