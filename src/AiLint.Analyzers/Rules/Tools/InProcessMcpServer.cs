using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An app's MCP client connected to the app's own server in the same process: the client's
    /// <c>StreamClientTransport</c> reads and writes in-memory pipes (<c>pipe.Writer.AsStream()</c>) that the same method
    /// hands to a server (<c>new StreamServerTransport(...)</c> given to <c>McpServer.Create</c>, or
    /// <c>AddMcpServer()...WithStreamServerTransport(...)</c>). The pipes pair the client with that server and nothing
    /// else, so what <c>ListToolsAsync</c> returns is the server's tool set, which is countable when it is fixed in code:
    /// <c>WithTools&lt;T&gt;()</c> (the <c>[McpServerTool]</c> methods of <c>T</c>) or
    /// <c>McpServerOptions.ToolCollection = [McpServerTool.Create(...), ...]</c>. Anything else on the server side (a
    /// list handler, <c>WithToolsFromAssembly</c>, a builder held in a variable, a spread) leaves the list unbounded.
    /// </summary>
    internal static class InProcessMcpServer
    {
        /// <summary>The most tools the client's server can list; null when the server is not paired or not countable.</summary>
        public static int? ToolCount(IInvocationOperation listTools, TypeIndex index, KnownToolSymbols symbols)
        {
            if (symbols.StreamClientTransport == null || symbols.Pipe == null
                || TypeIndex.Holder(TypeIndex.Receiver(listTools)) is not { } client
                || SingleWrite(client, index) is not IInvocationOperation { TargetMethod.Name: "CreateAsync" } creation
                || creation.Arguments.Length == 0
                || Unwrap(creation.Arguments[0].Value, index) is not IObjectCreationOperation transport
                || !SymbolEqualityComparer.Default.Equals(transport.Type, symbols.StreamClientTransport)
                || PipesOf(transport.Arguments, symbols) is not { Count: > 0 } pipes)
            {
                return null;
            }

            IOperation top = transport;
            while (top.Parent != null)
            {
                top = top.Parent;
            }

            int? most = null;
            foreach (var operation in top.Descendants())
            {
                int? count;
                switch (operation)
                {
                    case IObjectCreationOperation server when SymbolEqualityComparer.Default.Equals(server.Type, symbols.StreamServerTransport)
                            && Shares(PipesOf(server.Arguments, symbols), pipes):
                        count = ServerCreatedWith(server, index, symbols);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "WithStreamServerTransport" } builder
                            when Shares(PipesOf(builder.Arguments, symbols), pipes):
                        count = BuilderChain(builder, symbols);
                        break;
                    default:
                        continue;
                }

                if (count == null)
                {
                    return null;
                }

                most = most == null || count > most ? count : most;
            }

            return most;
        }

        private static IOperation? SingleWrite(ISymbol holder, TypeIndex index) =>
            index.Writes.TryGetValue(holder, out var writes) && writes.Count == 1 ? Unwrap(writes[0], index) : null;

        /// <summary>Through conversions, <c>await</c> and a local written once.</summary>
        private static IOperation? Unwrap(IOperation? operation, TypeIndex index)
        {
            for (var hops = 0; hops < 4; hops++)
            {
                operation = TypeIndex.Strip(operation);
                switch (operation)
                {
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                        operation = awaitable;
                        continue;
                    case ILocalReferenceOperation local when index.Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1:
                        operation = writes[0];
                        continue;
                }

                return operation;
            }

            return null;
        }

        /// <summary>
        /// The pipe locals behind every <c>Stream</c> argument (<c>pipe.Reader.AsStream()</c>); empty when one stream comes
        /// from anywhere else (a process's standard input, a network stream).
        /// </summary>
        private static List<ISymbol> PipesOf(IEnumerable<IArgumentOperation> arguments, KnownToolSymbols symbols)
        {
            var pipes = new List<ISymbol>();
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type.Name != "Stream" || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (TypeIndex.Strip(argument.Value) is IInvocationOperation { TargetMethod.Name: "AsStream" } asStream
                    && TypeIndex.Strip(TypeIndex.Receiver(asStream)) is IPropertyReferenceOperation { Property.Name: "Reader" or "Writer" } end
                    && TypeIndex.Holder(end.Instance) is ILocalSymbol pipe
                    && SymbolEqualityComparer.Default.Equals(pipe.Type, symbols.Pipe))
                {
                    pipes.Add(pipe);
                    continue;
                }

                return new List<ISymbol>();
            }

            return pipes;
        }

        private static bool Shares(List<ISymbol> server, List<ISymbol> client) =>
            server.Exists(pipe => client.Contains(pipe, SymbolEqualityComparer.Default));

        /// <summary><c>McpServer.Create(transport, new McpServerOptions { ToolCollection = [...] })</c>.</summary>
        private static int? ServerCreatedWith(IObjectCreationOperation transport, TypeIndex index, KnownToolSymbols symbols)
        {
            var passed = transport.Parent is IConversionOperation conversion ? conversion.Parent : transport.Parent;
            if (passed is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Create" } create }
                || !SymbolEqualityComparer.Default.Equals(create.TargetMethod.ContainingType, symbols.McpServer))
            {
                return null;
            }

            foreach (var argument in create.Arguments)
            {
                // Inline, or a local written once and never changed afterwards (no member of it set later).
                if (Unwrap(argument.Value, index) is IObjectCreationOperation options
                    && SymbolEqualityComparer.Default.Equals(options.Type, symbols.McpServerOptions))
                {
                    return TypeIndex.Holder(argument.Value) is ILocalSymbol local && IsChangedAfterCreation(local, create)
                        ? null
                        : ToolCollectionOf(options);
                }
            }

            return null;
        }

        /// <summary><c>options.ToolCollection.Add(...)</c>, <c>options.Handlers = ...</c>: any other use of the options local.</summary>
        private static bool IsChangedAfterCreation(ILocalSymbol local, IOperation create)
        {
            var top = create;
            while (top.Parent != null)
            {
                top = top.Parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && reference.Parent is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Create" } })
                {
                    return true;
                }
            }

            return false;
        }

        private static int? ToolCollectionOf(IObjectCreationOperation options)
        {
            var count = 0;
            foreach (var member in options.Initializer?.Initializers ?? default)
            {
                if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                {
                    return null;
                }

                switch (property.Property.Name)
                {
                    case "ToolCollection":
                        if (TypeIndex.Strip(assignment.Value)?.Syntax is not CollectionExpressionSyntax elements)
                        {
                            return null;
                        }

                        foreach (var element in elements.Elements)
                        {
                            if (element is not ExpressionElementSyntax)
                            {
                                return null;
                            }

                            count++;
                        }

                        break;
                    case "Handlers":
                    case "Capabilities":
                        // A list-tools handler or capabilities object may list tools the collection does not hold.
                        return null;
                }
            }

            return count;
        }

        /// <summary>
        /// <c>services.AddMcpServer().WithStreamServerTransport(...).WithTools&lt;T&gt;()</c> as one statement: the sum of
        /// the <c>[McpServerTool]</c> methods of each <c>T</c>.
        /// </summary>
        private static int? BuilderChain(IInvocationOperation link, KnownToolSymbols symbols)
        {
            // Down to AddMcpServer(), then up to the statement.
            var bottom = link;
            while (TypeIndex.Strip(TypeIndex.Receiver(bottom)) is IInvocationOperation inner && inner.TargetMethod.Name != "AddMcpServer")
            {
                bottom = inner;
            }

            // AddMcpServer(options => ...) may fill the options' ToolCollection.
            if (TypeIndex.Strip(TypeIndex.Receiver(bottom)) is not IInvocationOperation { TargetMethod.Name: "AddMcpServer" } add
                || add.Arguments.Length > 1 && add.Arguments[1].ArgumentKind != ArgumentKind.DefaultValue)
            {
                return null;
            }

            var count = 0;
            IOperation current = bottom;
            while (true)
            {
                if (current is IInvocationOperation call)
                {
                    switch (call.TargetMethod.Name)
                    {
                        case "WithTools" when call.TargetMethod.TypeArguments.Length == 1
                                && call.TargetMethod.TypeArguments[0] is INamedTypeSymbol { TypeKind: not TypeKind.Error } tools:
                            count += ToolMethods(tools, symbols);
                            break;
                        case "WithTools":
                        case "WithToolsFromAssembly":
                        case "WithListToolsHandler":
                            return null;
                    }
                }

                var parent = current.Parent is IConversionOperation conversion ? conversion.Parent : current.Parent;
                if (parent is IArgumentOperation { Parent: IInvocationOperation outer } && ReferenceEquals(TypeIndex.Strip(TypeIndex.Receiver(outer)), current))
                {
                    current = outer;
                    continue;
                }

                // The builder must not be kept for more registrations elsewhere.
                return parent is IExpressionStatementOperation ? count : null;
            }
        }

        /// <summary>The methods <c>WithTools&lt;T&gt;()</c> registers: those of <c>T</c> and its bases marked <c>[McpServerTool]</c>.</summary>
        private static int ToolMethods(INamedTypeSymbol type, KnownToolSymbols symbols)
        {
            var count = 0;
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol method && HasAttribute(method, symbols.McpServerToolAttribute))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol? attribute)
        {
            foreach (var data in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
