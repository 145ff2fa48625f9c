using System.Linq;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An input that says where an MCP server is even though the method does not make the transport itself: it hands the
    /// input to a helper of the project that does (<c>var client = await GetOrCreateClientAsync(url, ct);</c>), and the
    /// helper keeps the clients it made in a dictionary keyed by that input (<c>_clientCache.TryGetValue(url, out var c)</c>,
    /// <c>_clientCache[url] = client</c>), the client cache of abossard/can-i-haz-houze's <c>McpClientService</c>. Read for
    /// the implementations <see cref="CatalogEvaluator"/> follows behind an interface call (CatalogEvaluator.InterfaceListers),
    /// beside the direct reading of <see cref="ServerLocatorInputs"/>, which is asked first.
    /// </summary>
    /// <remarks>
    /// Every read must be one of: a log argument or a null/emptiness guard (<see cref="LocatorSideReads"/>), a key of a
    /// dictionary whose values are MCP clients (choosing a client, not tools), inside the creation of a transport or the
    /// SDK's client factory, or an argument of a non-virtual source method whose parameter is itself such an input. At
    /// least one read must reach the server (a log or a cache key alone does not). Locals made from the input are not
    /// followed here (<see cref="ServerLocatorInputs"/> follows those when the method makes the transport directly).
    /// The two are not one check at two depths: they accept different reads (a client-cache key here; locals, a member
    /// handed on and an input only logged there), so they share only what they agree on, the kind of input and what
    /// makes the server (<see cref="ServerLocatorInputs.MayLocate"/>, <see cref="ServerLocatorInputs.MakesTheServer"/>).
    /// </remarks>
    internal static class ServerLocatorHelpers
    {
        private const int MaxHelperHops = 2;

        public static bool IsLocator(IParameterSymbol parameter, ProjectCatalogs project, KnownToolSymbols symbols, int hops)
        {
            if (project.IsServerLocator(parameter))
            {
                return true;
            }

            if (hops >= MaxHelperHops || !ServerLocatorInputs.MayLocate(parameter, symbols)
                || parameter.ContainingSymbol is not IMethodSymbol method || !project.IsInSource(method.OriginalDefinition))
            {
                return false;
            }

            var sideReads = LocatorSideReads.For(project.Compilation);
            var reached = false;
            foreach (var body in SourceBodies.GetBodies(method, project.Compilation, project.CancellationToken).ToList())
            {
                foreach (var operation in body.Descendants())
                {
                    if (operation is not IParameterReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                    {
                        continue;
                    }

                    if (sideReads.Classify(reference, body) != LocatorSideReads.ReadKind.Other || IsClientCacheKey(reference, symbols))
                    {
                        continue;
                    }

                    if (!ReachesTheServer(reference, body, project, symbols, hops))
                    {
                        return false;
                    }

                    reached = true;
                }
            }

            return reached;
        }

        /// <summary>Inside a transport's creation or the client factory's arguments, or handed to a helper whose input is a locator.</summary>
        private static bool ReachesTheServer(IParameterReferenceOperation reference, IOperation body, ProjectCatalogs project, KnownToolSymbols symbols, int hops)
        {
            if (reference.Parent is IArgumentOperation { Parameter: { } next } argument
                && argument.Parent is IInvocationOperation { TargetMethod: { IsAbstract: false, IsVirtual: false, IsOverride: false } callee }
                && callee.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                && project.IsInSource(callee.OriginalDefinition))
            {
                return IsLocator(next.OriginalDefinition, project, symbols, hops + 1);
            }

            for (var current = reference.Parent; current != null && !ReferenceEquals(current, body); current = current.Parent)
            {
                if (ServerLocatorInputs.MakesTheServer(current, symbols) is { } made)
                {
                    return made;
                }
            }

            return false;
        }

        /// <summary>
        /// The key of a dictionary of MCP clients: <c>clients.TryGetValue(url, out var c)</c>, <c>ContainsKey</c>,
        /// <c>TryAdd</c>, <c>GetOrAdd</c>, <c>clients[url]</c>. It picks a client already made for the same server.
        /// </summary>
        private static bool IsClientCacheKey(IParameterReferenceOperation reference, KnownToolSymbols symbols)
        {
            if (reference.Parent is not IArgumentOperation { Parameter.Ordinal: 0 } argument)
            {
                return false;
            }

            var owner = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod.ContainingType,
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer => indexer.Property.ContainingType,
                _ => null,
            };

            return owner is { TypeArguments.Length: 2 } dictionary
                && dictionary.AllInterfaces.Any(i => i.Name == "IDictionary" && i.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
                && symbols.IsMcpClient(dictionary.TypeArguments[1]);
        }
    }
}
