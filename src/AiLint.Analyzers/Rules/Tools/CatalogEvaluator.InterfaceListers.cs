using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// An MCP server's whole list fetched through an interface, abstract or virtual method of the project that is told
    /// where the server is: <c>await mcpClientService.ListToolsAsync(endpointUrl, ct)</c> on an injected
    /// <c>IMcpClientService</c> whose one implementation creates a client for that URL and returns
    /// <c>await client.ListToolsAsync()</c> (the shape of abossard/can-i-haz-houze's agent service). A builder method of
    /// the project is followed when its inputs only say where the server is (<see cref="ServerLocatorInputs"/>); this is
    /// the same reading for a call the compiler dispatches: it is followed into every implementation in the compilation,
    /// and only when each one, given the call's inputs, returns a server's whole list.
    /// </summary>
    /// <remarks>
    /// Precision first: an implementation that bounds the list (an allow-list, a <c>Take</c>), reads an input for
    /// anything but reaching the server (a prefix filter: a selection step), returns a list of its own (an offline
    /// fallback), or cannot be read keeps the call opaque, and so does an interface with no implementation in the
    /// compilation (one from a package). The call is then what it was before: unknown, not a source.
    /// </remarks>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>How deep an override chain (or a locator handed from helper to helper) is followed.</summary>
        private const int MaxListerHops = 3;

        private CatalogContent? FollowInterfaceLister(IInvocationOperation invocation, IOperation entry)
        {
            var method = invocation.TargetMethod;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth
                || !(method.IsAbstract || method.IsVirtual || method.IsOverride && !method.IsSealed)
                || method.MethodKind != MethodKind.Ordinary
                || !_project.IsInSource(method.OriginalDefinition)
                || !_symbols.IsToolCollection(UnwrapTask(invocation.Type))
                || HasErrorArgument(invocation))
            {
                return null;
            }

            var implementations = DispatchTargets(method.OriginalDefinition);
            if (implementations.Count == 0)
            {
                return null;
            }

            CatalogContent? result = null;
            foreach (var implementation in implementations)
            {
                if (!OnlyLocatorInputs(invocation, implementation)
                    || FollowReturns(implementation, entry, invocation.Syntax) is not { FromMcp: true } content
                    || content.Unbounded.IsEmpty)
                {
                    return null;
                }

                result = result == null ? content : result.Or(content);
            }

            return result;
        }

        /// <summary>
        /// The bodies a call of <paramref name="method"/> may run: the method itself when it has one (virtual), and its
        /// overrides and implementations in source, following overrides of overrides a few levels down.
        /// </summary>
        private List<IMethodSymbol> DispatchTargets(IMethodSymbol method)
        {
            var targets = new List<IMethodSymbol>();
            var pending = new List<IMethodSymbol> { method };
            for (var hop = 0; hop <= MaxListerHops && pending.Count > 0; hop++)
            {
                var next = new List<IMethodSymbol>();
                foreach (var declared in pending)
                {
                    if (!declared.IsAbstract && !targets.Contains(declared, SymbolEqualityComparer.Default))
                    {
                        targets.Add(declared);
                    }

                    next.AddRange(_project!.ImplementationsOf(declared));
                }

                pending = next;
            }

            return targets;
        }

        /// <summary>
        /// Whether every input the call gives is a cancellation token, an MCP client, or, in
        /// <paramref name="implementation"/>, only says where the server is (directly, or handed to a helper that does:
        /// <see cref="ServerLocatorHelpers"/>), and at least one input says where the server is.
        /// </summary>
        private bool OnlyLocatorInputs(IInvocationOperation invocation, IMethodSymbol implementation)
        {
            // A call with no such input is the injected-registry reading's (it asks whether the instance is injected).
            var located = false;
            foreach (var argument in invocation.Arguments)
            {
                if (!IsGiven(argument)
                    || SymbolEqualityComparer.Default.Equals(argument.Value.Type, _symbols.CancellationToken)
                    || _symbols.IsMcpClient(argument.Parameter?.Type))
                {
                    continue;
                }

                if (argument.Parameter is not { } parameter || parameter.Ordinal >= implementation.Parameters.Length
                    || !ServerLocatorHelpers.IsLocator(implementation.Parameters[parameter.Ordinal].OriginalDefinition, _project!, _symbols, hops: 0))
                {
                    return false;
                }

                located = true;
            }

            return located;
        }

        private static bool HasErrorArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is null or { TypeKind: TypeKind.Error } && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
