using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A list of configured servers given to a builder (<c>LoadToolsAsync(IReadOnlyList&lt;McpServerConfig&gt; configs)</c>)
    /// that only loops over it and makes one client per element from where the element says the server is: the list
    /// chooses no tools, as one server's address does not, so it is read as a locator input. The builder's loop is then
    /// read as the same loop written inline (each server's whole list, or an allow-list per server, or a cap).
    /// </summary>
    /// <remarks>
    /// Every read of the list must be the collection of a <c>foreach</c> in the builder (or a log argument or a null
    /// guard): a <c>Take(n)</c>, a <c>Where</c>, an index or a count read chooses which servers. Every read of each loop's
    /// element must reach the server as a locator's does (<see cref="Reading"/>): a per-server allow-list read from the
    /// element (<c>config.AllowedTools</c>) is a choice of tools. A loop over code that does not bind is not read.
    /// </remarks>
    internal static partial class ServerLocatorInputs
    {
        private static bool IsServerList(IParameterSymbol parameter, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols, Compilation compilation,
            Func<IParameterSymbol, bool>? reachesTheServer)
        {
            if (symbols.GetElementType(parameter.Type) is not { } element || element.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var sideReads = LocatorSideReads.For(compilation);
            var loops = new List<IForEachLoopOperation>();
            foreach (var body in bodies)
            {
                foreach (var operation in body.Descendants())
                {
                    if (operation is not IParameterReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                    {
                        continue;
                    }

                    if (sideReads.Classify(operation, body) != LocatorSideReads.ReadKind.Other)
                    {
                        continue;
                    }

                    if (LoopOver(operation) is not { } loop)
                    {
                        return false;
                    }

                    loops.Add(loop);
                }
            }

            if (loops.Count == 0)
            {
                return false;
            }

            foreach (var loop in loops)
            {
                if (!EachElementLocatesItsServer(loop, bodies, symbols, sideReads, reachesTheServer))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The <c>foreach</c> whose collection <paramref name="reference"/> is (through implicit conversions); null otherwise.</summary>
        private static IForEachLoopOperation? LoopOver(IOperation reference)
        {
            var current = reference;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            return current.Parent is IForEachLoopOperation loop && ReferenceEquals(loop.Collection, current) ? loop : null;
        }

        /// <summary>Every read of the loop's variables only says where a server is, and some read makes the transport or the client.</summary>
        private static bool EachElementLocatesItsServer(IForEachLoopOperation loop, IReadOnlyList<IOperation> bodies, KnownToolSymbols symbols,
            LocatorSideReads sideReads, Func<IParameterSymbol, bool>? reachesTheServer)
        {
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                if (operation is IInvalidOperation)
                {
                    return false;
                }
            }

            var reading = new Reading(bodies, symbols, sideReads, reachesTheServer);
            foreach (var local in loop.Locals)
            {
                if (IsReadIn(local, loop.Body) && !reading.OnlyReachesTheServer(local, hops: 0))
                {
                    return false;
                }
            }

            return reading.Reached;
        }

        private static bool IsReadIn(ILocalSymbol local, IOperation body)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
