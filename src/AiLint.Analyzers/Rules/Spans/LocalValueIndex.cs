using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Every operation that writes a local or a parameter in one operation block, built in a single walk. Each write is
    /// one of: the assigned value, an <see cref="IArgumentOperation"/> (out/ref argument), an
    /// <see cref="IForEachLoopOperation"/> (loop variable) or an <see cref="IDeclarationPatternOperation"/>.
    /// </summary>
    internal sealed class LocalValueIndex
    {
        private static readonly IReadOnlyList<IOperation> None = new IOperation[0];
        private readonly Dictionary<ISymbol, List<IOperation>> writes = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        public LocalValueIndex(IEnumerable<IOperation> roots)
        {
            foreach (var root in roots)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    Visit(operation);
                }
            }
        }

        public IReadOnlyList<IOperation> GetWrites(ISymbol symbol) =>
            writes.TryGetValue(symbol, out var list) ? list : None;

        private void Visit(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is not null)
                    {
                        Add(declarator.Symbol, initializer.Value);
                    }

                    break;
                case IAssignmentOperation assignment when Target(assignment.Target) is { } target:
                    Add(target, assignment.Value);
                    break;
                case IArgumentOperation argument when argument.Parameter is { RefKind: RefKind.Out or RefKind.Ref } && Target(argument.Value) is { } written:
                    Add(written, argument);
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        Add(local, loop);
                    }

                    break;
                case IDeclarationPatternOperation pattern when pattern.DeclaredSymbol is { } declared:
                    Add(declared, pattern);
                    break;
            }
        }

        private static ISymbol? Target(IOperation target) => target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
            _ => null,
        };

        private void Add(ISymbol symbol, IOperation write)
        {
            if (!writes.TryGetValue(symbol, out var list))
            {
                list = new List<IOperation>();
                writes.Add(symbol, list);
            }

            list.Add(write);
        }
    }
}
