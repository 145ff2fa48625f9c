// DateTimeKindClassifier: the project's own clocks: a method or computed property whose every return is not UTC.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    internal sealed partial class DateTimeKindClassifier
    {
        /// <summary>
        /// A clock of the project (<c>public static DateTime Now =&gt; DateTime.Now;</c>, <c>public DateTime Now() =&gt;
        /// DateTime.Now;</c> called on the class itself): an ordinary method or computed get-only property of this
        /// compilation that no other body can replace (not virtual, abstract, an override, an interface member or an
        /// explicit implementation), whose every return is non-UTC. Read through an interface (<c>IClock.Now()</c>) the
        /// body that runs is not known (a test or another host may inject another clock), so it is not followed. The
        /// finding points at the call, with no automatic fix: changing the clock would change every other caller, such
        /// as a page that shows local time.
        /// </summary>
        private NonUtcFinding? ClassifyReturns(IMethodSymbol method, IOperation read, string name)
        {
            method = method.OriginalDefinition;
            if (compilation == null
                || !symbols.IsDateTime(method.ReturnType)
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || !method.ExplicitInterfaceImplementations.IsEmpty
                || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct }
                || !(method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.PropertyGet)
                || !AiLint.Analyzers.LlmCalls.SourceBodies.IsInSource(method, compilation))
            {
                return null;
            }

            if (!memberMemo.TryGetValue(method, out var known))
            {
                // A recursive clock is of no known Kind while its answer is computed.
                memberMemo[method] = null;
                known = FromEveryWrite(name, Returns(method), ClassifyWrite);
                memberMemo[method] = known;
            }

            // `session.StartedAt => _startedAt` read off another instance returns what was stored in that instance,
            // perhaps by an ORM (EF Core fills backing fields by convention): only its own type's reads are followed.
            if (known != null && !method.IsStatic && !(ReceiverOf(read) is null or IInstanceReferenceOperation) && ReadsOwnState(Returns(method)))
            {
                return null;
            }

            return known is { } found
                ? new NonUtcFinding("'" + name + "' (returns " + Inner(found.Description) + ")", read, NonUtcShape.Other)
                : null;
        }

        private List<IOperation> Returns(IMethodSymbol method) => AiLint.Analyzers.LlmCalls.SourceBodies.ReturnedValues(method, compilation!, default);

        private static IOperation? ReceiverOf(IOperation read) => read switch
        {
            IInvocationOperation invocation => invocation.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };

        /// <summary>Whether a returned value reads a field or property of the instance (<c>_startedAt</c>, <c>this.Started</c>).</summary>
        private static bool ReadsOwnState(List<IOperation> returns)
        {
            foreach (var value in returns)
            {
                foreach (var operation in value.DescendantsAndSelf())
                {
                    if (operation is IMemberReferenceOperation { Instance: IInstanceReferenceOperation })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The description of the returned value, without the "'name' (from ...)" wrapper FromEveryWrite adds.</summary>
        private static string Inner(string description)
        {
            var from = description.IndexOf(" (from ", System.StringComparison.Ordinal);
            return from >= 0 && description.EndsWith(")", System.StringComparison.Ordinal)
                ? description.Substring(from + 7, description.Length - from - 8)
                : description;
        }
    }
}
