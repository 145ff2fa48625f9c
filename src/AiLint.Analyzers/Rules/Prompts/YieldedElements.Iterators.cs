using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>The iterators a collection comes from, and the constants they yield (see <see cref="YieldedElements"/>).</summary>
    internal sealed partial class YieldedElements
    {
        /// <summary>
        /// The bodies a call of <paramref name="method"/> runs, when each is known: the project's own non-virtual
        /// method, or every implementation the project holds of its own non-generic interface's method. Virtual and
        /// abstract class methods are not followed (their overrides may live in the code that uses the library).
        /// </summary>
        private IEnumerable<IMethodSymbol> IteratorBodies(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                yield break;
            }

            if (method.ContainingType is { TypeKind: TypeKind.Interface, IsGenericType: false } contract && !method.IsStatic && !method.IsGenericMethod)
            {
                foreach (var type in ImplementingTypes.For(compilation, cancellationToken).Of(contract))
                {
                    if (!type.IsAbstract && type.TypeKind == TypeKind.Class
                        && type.FindImplementationForInterfaceMember(method) is IMethodSymbol { IsAbstract: false, IsVirtual: false, IsOverride: false } body)
                    {
                        yield return body.OriginalDefinition;
                    }
                }
            }
            else if (method.ContainingType?.TypeKind != TypeKind.Interface && !method.IsAbstract && !method.IsVirtual && !method.IsOverride)
            {
                yield return method;
            }
        }

        private ImmutableArray<IOperation> KeptYields(IMethodSymbol body, CancellationToken cancellationToken)
        {
            if (!byBody.TryGetValue(body, out var kept))
            {
                kept = byBody.GetOrAdd(body, FindKeptYields(body, cancellationToken));
            }

            return kept;
        }

        /// <summary>The constant <c>yield return</c>s of an iterator in source that instruct or are named for instructions.</summary>
        private ImmutableArray<IOperation> FindKeptYields(IMethodSymbol body, CancellationToken cancellationToken)
        {
            if (!SourceBodies.IsInSource(body, compilation))
            {
                return ImmutableArray<IOperation>.Empty;
            }

            var kept = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var operation in SourceBodies.GetBodies(body, compilation, cancellationToken))
            {
                if (operation.Syntax.ContainsDiagnostics)
                {
                    continue;
                }

                foreach (var part in operation.Descendants())
                {
                    if (part is IReturnOperation { Kind: OperationKind.YieldReturn, ReturnedValue: { } value } && Owner(part) == null
                        && value.ConstantValue is { HasValue: true, Value: string text }
                        && !string.IsNullOrWhiteSpace(text)
                        && !DataTemplate.OnlyPassesVariables(text)
                        && !AssembledMember.IsIdentifierLike(text)
                        && (DataTemplate.Instructs(text) || AssembledMember.NamesInstructions(body.Name)))
                    {
                        kept.Add(value);
                    }
                }
            }

            return kept.ToImmutable();
        }
    }
}
