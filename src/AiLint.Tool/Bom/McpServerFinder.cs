using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>One MCP server connection found in source, before merging.</summary>
internal sealed record McpServerUse(string Transport, string Target, bool IsLiteral, string? Origin, string? Name, ImmutableArray<string> Arguments, SourceLocation Location);

/// <summary>
/// Finds the MCP servers the code connects to, by symbol (ModelContextProtocol 2.x and MEAI):
/// <c>new HttpClientTransportOptions { Endpoint = ... }</c> (http), <c>new StdioClientTransportOptions { Command = ...,
/// Arguments = [...] }</c> (stdio) and <c>new HostedMcpServerTool(serverName, serverAddress)</c> (a server the model
/// provider connects to). The target is reported as written: its value when it is a literal or a member whose
/// initializer is a literal (a settings class default), otherwise the expression's text.
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
                McpServerUse? use = null;
                if (SymbolEqualityComparer.Default.Equals(type, http))
                {
                    use = FromInitializer(creation, "http", "Endpoint", location);
                }
                else if (SymbolEqualityComparer.Default.Equals(type, stdio))
                {
                    use = FromInitializer(creation, "stdio", "Command", location);
                }
                else if (SymbolEqualityComparer.Default.Equals(type, hosted))
                {
                    use = FromHostedTool(creation, location);
                }

                if (use is not null)
                {
                    yield return use;
                }
            }
        }
    }

    private static McpServerUse? FromInitializer(IObjectCreationOperation creation, string transport, string targetProperty, SourceLocation location)
    {
        IOperation? target = null;
        var arguments = ImmutableArray<string>.Empty;
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
                arguments = Written.ReadStrings(assignment.Value);
            }
        }

        if (target is null)
        {
            return null;
        }

        var read = Written.Read(target);
        return new McpServerUse(transport, read.Value, read.IsLiteral, read.Origin, name, arguments, location);
    }

    private static McpServerUse? FromHostedTool(IObjectCreationOperation creation, SourceLocation location)
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

        if (address is null)
        {
            return null;
        }

        var read = Written.Read(address);
        return new McpServerUse("hosted", read.Value, read.IsLiteral, read.Origin, name, [], location);
    }
}
