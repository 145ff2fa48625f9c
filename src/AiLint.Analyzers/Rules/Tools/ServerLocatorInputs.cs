using System;
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
    /// An input may also reach the server through a second method of the project it is handed to, whole or as a member
    /// (<c>var client = await ConnectAsync(serverUrl, ct);</c>, <c>ListServerToolsAsync(server)</c>), when that method's
    /// matching input makes the transport or the client in that method itself (<see cref="ReachesTheServer"/>): one level,
    /// and not through a virtual, abstract or interface member, whose body may be another.
    /// </remarks>
    internal static partial class ServerLocatorInputs
    {
        /// <summary>How many locals an input may pass through before it reaches the transport (input → Uri → options → transport).</summary>
        private const int MaxLocalHops = 3;

        /// <summary>
        /// Whether <paramref name="parameter"/> only says where the server is. <paramref name="reachesTheServer"/>, when
        /// given, answers for an input of a second method of the project the parameter is handed to
        /// (<c>ConnectAsync(serverUrl)</c>): one that reaches the server itself makes that read one that locates it too.
        /// </summary>
        public static bool IsLocator(IParameterSymbol parameter, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, Compilation compilation,
            Func<IParameterSymbol, bool>? reachesTheServer = null)
        {
            if (!CanLocate(parameter, bodies, symbols))
            {
                return false;
            }

            var reading = new Reading(bodies, symbols, LocatorSideReads.For(compilation), reachesTheServer);
            return reading.OnlyReachesTheServer(parameter, hops: 0)
                || IsServerList(parameter, bodies, symbols, compilation, reachesTheServer); // ServerLocatorInputs.ServerLists
        }

        /// <summary>
        /// Whether <paramref name="parameter"/> only says where the server is, and is used at least once to make its
        /// transport or client in this method itself (not only logged, nor handed on): what a first builder that hands
        /// its input to this method needs (<see cref="IsLocator"/>'s second method, one level).
        /// </summary>
        public static bool ReachesTheServer(IParameterSymbol parameter, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, Compilation compilation)
        {
            if (!CanLocate(parameter, bodies, symbols))
            {
                return false;
            }

            var reading = new Reading(bodies, symbols, LocatorSideReads.For(compilation), calleeReaches: null);
            return reading.OnlyReachesTheServer(parameter, hops: 0) && reading.Reached;
        }

        private static bool CanLocate(IParameterSymbol parameter, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols) =>
            bodies.Count != 0 && MayLocate(parameter, symbols);

        /// <summary>
        /// Whether an input of this kind may only say where the server is (the check shared with
        /// <see cref="ServerLocatorHelpers"/>): an MCP SDK is referenced, and the input is a plain one that is neither a
        /// tool collection, a delegate nor a transport given whole.
        /// </summary>
        internal static bool MayLocate(IParameterSymbol parameter, KnownToolSymbols symbols) =>
            symbols.McpClientTransport != null
            && parameter.RefKind == RefKind.None && !parameter.IsParams
            && parameter.Type.TypeKind != TypeKind.Delegate && parameter.Type.TypeKind != TypeKind.Error
            && !symbols.IsToolCollection(parameter.Type) && !symbols.IsMcpClientTransport(parameter.Type);

        /// <summary>
        /// Whether <paramref name="ancestor"/> of a read makes the server's transport or client (shared with
        /// <see cref="ServerLocatorHelpers"/>): true inside a transport's creation or the SDK's client factory, false inside
        /// a <c>StreamClientTransport</c> (its streams may be pipes to an in-process server), null for anything else.
        /// </summary>
        internal static bool? MakesTheServer(IOperation ancestor, KnownToolSymbols symbols) => ancestor switch
        {
            IObjectCreationOperation creation when symbols.IsMcpClientTransport(creation.Type) =>
                !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, symbols.StreamClientTransport),
            IInvocationOperation invocation when IsClientFactory(invocation.TargetMethod, symbols) => true,
            _ => null,
        };

        /// <summary>One reading of an input through a method's bodies.</summary>
        private sealed class Reading
        {
            private readonly IReadOnlyList<IOperation> bodies;
            private readonly KnownToolSymbols symbols;
            private readonly LocatorSideReads sideReads;
            private readonly Func<IParameterSymbol, bool>? calleeReaches;

            public Reading(IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, LocatorSideReads sideReads, Func<IParameterSymbol, bool>? calleeReaches)
            {
                this.bodies = bodies;
                this.symbols = symbols;
                this.sideReads = sideReads;
                this.calleeReaches = calleeReaches;
            }

            /// <summary>Some read made the transport or the client (directly, through a local, or in the second method).</summary>
            public bool Reached { get; private set; }

            /// <summary>Whether <paramref name="symbol"/> (an input, or a local made from one) is read, and read only to reach the server.</summary>
            public bool OnlyReachesTheServer(ISymbol symbol, int hops)
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
                        if (!UseReachesTheServer(operation, body, hops))
                        {
                            return false;
                        }
                    }
                }

                return used;
            }

            /// <summary>
            /// Whether one read sits inside a transport's creation or the client factory's arguments, in the initializer of
            /// a local that itself only reaches the server, or is handed whole (or a member of it) to a second method of the
            /// project whose input reaches the server. A write to the symbol is a use elsewhere.
            /// </summary>
            private bool UseReachesTheServer(IOperation reference, IOperation body, int hops)
            {
                for (var current = reference.Parent; current != null && !ReferenceEquals(current, body); current = current.Parent)
                {
                    if (current is IArgumentOperation argument && HandedToLocatingMethod(reference, argument))
                    {
                        Reached = true;
                        return true;
                    }

                    if (MakesTheServer(current, symbols) is { } made)
                    {
                        Reached |= made;
                        return made;
                    }

                    if (current is IVariableDeclaratorOperation declarator)
                    {
                        return hops < MaxLocalHops && declarator.Initializer != null
                            && OnlyReachesTheServer(declarator.Symbol, hops + 1);
                    }
                }

                return false;
            }

            /// <summary>
            /// <c>ConnectAsync(serverUrl, ct)</c>, <c>ListServerToolsAsync(server)</c>, <c>Open(server.Url)</c>: the read (or a
            /// member chain of it) is the argument of a method of the project that is not virtual, abstract or an interface's
            /// (it may be overridden), whose matching input reaches the server itself.
            /// </summary>
            private bool HandedToLocatingMethod(IOperation reference, IArgumentOperation argument)
            {
                if (calleeReaches == null || argument.Parameter is not { RefKind: RefKind.None, IsParams: false } target
                    || argument.Parent is not IInvocationOperation { TargetMethod: { } callee }
                    || callee.IsAbstract || callee.IsVirtual || callee.IsOverride
                    || callee.MethodKind != MethodKind.Ordinary && callee.MethodKind != MethodKind.LocalFunction
                    || callee.DeclaringSyntaxReferences.Length == 0)
                {
                    return false;
                }

                for (var current = reference; !ReferenceEquals(current, argument.Value); current = current.Parent!)
                {
                    var parent = current.Parent;
                    var extends = parent switch
                    {
                        IConversionOperation => true,
                        IMemberReferenceOperation member => ReferenceEquals(member.Instance, current),
                        _ => false,
                    };
                    if (!extends)
                    {
                        return false;
                    }
                }

                return calleeReaches(target.OriginalDefinition);
            }
        }

        /// <summary><c>McpClient.CreateAsync(...)</c> (or <c>McpClientFactory.CreateAsync</c> before 0.4): an SDK method that makes a client.</summary>
        private static bool IsClientFactory(IMethodSymbol method, KnownToolSymbols symbols) =>
            method.IsStatic && method.DeclaringSyntaxReferences.Length == 0
            && symbols.IsMcpClient(CatalogEvaluator.UnwrapTask(method.ReturnType));
    }
}
