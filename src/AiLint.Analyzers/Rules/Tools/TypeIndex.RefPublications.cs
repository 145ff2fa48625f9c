using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>Fields written through <c>ref</c>: the lazy-initialisation idiom <c>Interlocked.CompareExchange(ref _service, service, null)</c>.</summary>
    internal sealed partial class TypeIndex
    {
        /// <summary>
        /// The values <paramref name="field"/> is given by <c>Interlocked.CompareExchange(ref field, value, comparand)</c> or
        /// <c>Interlocked.Exchange(ref field, value)</c> in the type's members (empty when it is never passed by
        /// <c>ref</c>); null when it is passed by <c>ref</c> or <c>out</c> to anything else, which may write anything.
        /// </summary>
        public List<IOperation>? RefPublishedValues(IFieldSymbol field)
        {
            var values = new List<IOperation>();
            foreach (var root in _roots)
            {
                foreach (var operation in root.Descendants())
                {
                    if (!(operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument)
                        || !(Strip(argument.Value) is IFieldReferenceOperation reference)
                        || !SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field.OriginalDefinition))
                    {
                        continue;
                    }

                    if (argument.Parent is IInvocationOperation { TargetMethod: { Name: "CompareExchange" or "Exchange", ContainingType: { Name: "Interlocked" } interlocked } } publish
                        && interlocked.ContainingNamespace?.ToDisplayString() == "System.Threading"
                        && argument.Parameter.Ordinal == 0 && publish.Arguments.Length >= 2)
                    {
                        values.Add(ValueArgument(publish));
                        continue;
                    }

                    return null;
                }
            }

            return values;
        }

        private static IOperation ValueArgument(IInvocationOperation publish)
        {
            foreach (var argument in publish.Arguments)
            {
                if (argument.Parameter?.Ordinal == 1)
                {
                    return argument.Value;
                }
            }

            return publish.Arguments[1].Value;
        }
    }
}
