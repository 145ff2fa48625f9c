using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The inputs of a builder of the project that only say where or how to reach an MCP server:
    /// <c>GetHttpMcpToolAsync(string name, string endpoint)</c> whose body uses them only in
    /// <c>new HttpClientTransport(new HttpClientTransportOptions { Name = name, Endpoint = new Uri(endpoint) })</c>
    /// (review56, ContosoAutoTech). Such an input chooses no tools, so the builder is followed as one given only a
    /// cancellation token is (<see cref="CatalogEvaluator"/>'s builder rows).
    /// </summary>
    /// <remarks>
    /// An input is a locator when it is used at least once, and every use sits inside the creation of an MCP client
    /// transport (its constructor arguments, the options object written there) or inside the arguments of the SDK's
    /// client factory (<c>McpClient.CreateAsync(transport, options, loggerFactory, ct)</c>), directly or through locals
    /// initialised from it and used the same way (<c>var endpoint = new Uri(configuration["Mcp:Url"]!);</c>). Reads that
    /// choose nothing may stand beside those (<see cref="LocatorSideReads"/>, review91): the arguments of a log call (an
    /// input read only there counts too, as a server name passed for logging does) and a null or emptiness guard (which
    /// alone does not make a use). An input used anywhere else (a name filter, a <c>Take</c>, a console line) or not at
    /// all (the user's message a helper ignores today) keeps the builder a selection step. Not locators either: a tool collection or a delegate (the conversion
    /// and delegate helpers read those), a <c>ref</c>/<c>out</c>/<c>params</c> input, a transport given whole, and what
    /// reaches a <c>StreamClientTransport</c> (its streams may be pipes to an in-process server of the caller, which
    /// <see cref="InProcessMcpServer"/> counts only when one method holds both ends).
    /// </remarks>
    internal static class ServerLocatorInputs
    {
        /// <summary>How many locals an input may pass through before it reaches the transport (input → Uri → options → transport).</summary>
        private const int MaxLocalHops = 3;

        public static bool IsLocator(IParameterSymbol parameter, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, Compilation compilation)
        {
            if (symbols.McpClientTransport == null || bodies.Count == 0
                || parameter.RefKind != RefKind.None || parameter.IsParams
                || parameter.Type.TypeKind == TypeKind.Delegate || parameter.Type.TypeKind == TypeKind.Error
                || symbols.IsToolCollection(parameter.Type) || symbols.IsMcpClientTransport(parameter.Type))
            {
                return false;
            }

            return OnlyReachesTheServer(parameter, bodies, symbols, LocatorSideReads.For(compilation), hops: 0);
        }

        /// <summary>Whether <paramref name="symbol"/> (an input, or a local made from one) is read, and read only to reach the server.</summary>
        private static bool OnlyReachesTheServer(ISymbol symbol, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, LocatorSideReads sideReads, int hops)
        {
            var used = false;
            foreach (var body in bodies)
            {
                foreach (var operation in body.Descendants())
                {
                    ISymbol? referenced = operation switch
                    {
                        IParameterReferenceOperation parameter => parameter.Parameter.OriginalDefinition,
                        ILocalReferenceOperation local => local.Local,
                        _ => null,
                    };
                    if (!SymbolEqualityComparer.Default.Equals(referenced, symbol))
                    {
                        continue;
                    }

                    switch (sideReads.Classify(operation, body))
                    {
                        case LocatorSideReads.ReadKind.Guard:
                            continue;
                        case LocatorSideReads.ReadKind.Log:
                            used = true;
                            continue;
                    }

                    used = true;
                    if (!UseReachesTheServer(operation, body, bodies, symbols, sideReads, hops))
                    {
                        return false;
                    }
                }
            }

            return used;
        }

        /// <summary>
        /// Whether one read sits inside a transport's creation or the client factory's arguments, or in the initializer of
        /// a local that itself only reaches the server. A write to the symbol is a use elsewhere.
        /// </summary>
        private static bool UseReachesTheServer(IOperation reference, IOperation body, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, LocatorSideReads sideReads, int hops)
        {
            for (var current = reference.Parent; current != null && !ReferenceEquals(current, body); current = current.Parent)
            {
                switch (current)
                {
                    case IObjectCreationOperation creation when symbols.IsMcpClientTransport(creation.Type):
                        return !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, symbols.StreamClientTransport);
                    case IInvocationOperation invocation when IsClientFactory(invocation.TargetMethod, symbols):
                        return true;
                    case IVariableDeclaratorOperation declarator:
                        return hops < MaxLocalHops && declarator.Initializer != null
                            && OnlyReachesTheServer(declarator.Symbol, bodies, symbols, sideReads, hops + 1);
                }
            }

            return false;
        }

        /// <summary><c>McpClient.CreateAsync(...)</c> (or <c>McpClientFactory.CreateAsync</c> before 0.4): an SDK method that makes a client.</summary>
        private static bool IsClientFactory(IMethodSymbol method, KnownToolSymbols symbols) =>
            method.IsStatic && method.DeclaringSyntaxReferences.Length == 0
            && symbols.IsMcpClient(CatalogEvaluator.UnwrapTask(method.ReturnType));
    }
}
