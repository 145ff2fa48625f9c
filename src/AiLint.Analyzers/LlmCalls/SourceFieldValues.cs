using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The single value a source field (or get-only auto-property) can hold, for the value tracers
    /// (<see cref="OperationValues"/>, <c>Rules/Retry/ValueOrigins</c>). A field's writes are its initializer and every
    /// write the code makes to it where it can: a <c>readonly</c> field's in its type's constructors (and <c>init</c>
    /// accessors), a mutable field's anywhere in its type. It has a single value when it has exactly one write, or when
    /// every write is the same constant; otherwise it has none. So
    /// <c>private readonly string _url = "https://api.openai.com/v1/chat/completions";</c> that a constructor replaces
    /// (<c>if (settings.Url is { } url) _url = url;</c>) is not read as OpenAI's URL: the request goes where the
    /// settings say.
    /// </summary>
    /// <remarks>
    /// Cost: a readonly field binds its type's constructors only; a mutable one reads its type's syntax and binds only
    /// the right side of a write spelled with its name. A field's answer is kept per compilation (every rule traces
    /// the same client, URL and prompt fields).
    /// Writes to a non-private mutable field from other types are not looked for (that would be a walk of the
    /// compilation); such a field is read as its own type writes it.
    /// </remarks>
    internal static class SourceFieldValues
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IFieldSymbol, IOperation?>> Cache = new();

        /// <summary>
        /// The value <paramref name="field"/> holds wherever it is read, when the code shows a single one: a constant's
        /// value; a <c>readonly</c> field's initializer or only constructor write; a mutable field's initializer that
        /// nothing in its type writes again. Null for a field of another assembly or any other field.
        /// </summary>
        public static IOperation? Of(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            field = field.OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            // The kept answer first: a source field's DeclaringSyntaxReferences is a new array on every read, and the
            // rules ask for the same client, URL and prompt fields at every reference.
            var known = Cache.GetValue(compilation, _ => new ConcurrentDictionary<IFieldSymbol, IOperation?>(SymbolEqualityComparer.Default));
            if (known.TryGetValue(field, out var cached))
            {
                return cached;
            }

            var value = field.DeclaringSyntaxReferences.Length == 1 ? Compute(field, compilation, cancellationToken) : null;
            known.TryAdd(field, value);
            return value;
        }

        private static IOperation? Compute(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            var initialized = field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                ? (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IFieldInitializerOperation)?.Value
                : null;
            if (field.IsConst)
            {
                return initialized;
            }

            if (field.IsReadOnly)
            {
                return OnlyConstructionWrite(field, initialized, compilation, cancellationToken);
            }

            // A mutable field without an initializer is null until some method runs: not a value the code shows.
            return initialized is not null && !IsAssignedInType(field, initialized, compilation, cancellationToken) ? initialized : null;
        }

        /// <summary>
        /// The single value a <c>readonly</c> field or get-only auto-property is given, counting its initializer
        /// (<paramref name="initialized"/>) and every write in its type's constructors (static ones for a static member)
        /// and <c>init</c> accessors; null when there is none, or several that are not all the same constant, or one
        /// that is not a plain assignment (<c>??=</c>, <c>+=</c>, <c>ref</c>/<c>out</c>, a deconstruction).
        /// </summary>
        public static IOperation? OnlyConstructionWrite(ISymbol member, IOperation? initialized, Compilation compilation, CancellationToken cancellationToken)
        {
            var writes = new List<IOperation?>();
            if (initialized is not null)
            {
                writes.Add(initialized);
            }

            foreach (var method in WritingMethods(member))
            {
                foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
                {
                    foreach (var operation in body.Descendants())
                    {
                        var target = operation switch
                        {
                            IFieldReferenceOperation field => (ISymbol)field.Field,
                            IPropertyReferenceOperation property => property.Property,
                            _ => null,
                        };
                        if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, member.OriginalDefinition)
                            && IsWrite(operation, out var value))
                        {
                            writes.Add(value);
                        }
                    }
                }
            }

            return Single(writes);
        }

        // Where a readonly member can be written: its type's constructors of the same kind (static or instance), and for
        // an instance member the init accessors of its type's properties.
        private static IEnumerable<IMethodSymbol> WritingMethods(ISymbol member)
        {
            var type = member.ContainingType;
            if (member.IsStatic)
            {
                foreach (var constructor in type.StaticConstructors)
                {
                    yield return constructor;
                }

                yield break;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                yield return constructor;
            }

            foreach (var other in type.GetMembers())
            {
                if (other is IPropertySymbol { SetMethod: { IsInitOnly: true } init })
                {
                    yield return init;
                }
            }
        }

        /// <summary>
        /// True when <paramref name="reference"/> is written: <paramref name="value"/> is the assigned value for a plain
        /// assignment, null for any other write (compound or <c>??=</c> assignment, <c>++</c>, <c>ref</c>/<c>out</c>
        /// argument, deconstruction target).
        /// </summary>
        private static bool IsWrite(IOperation reference, out IOperation? value)
        {
            value = null;
            switch (reference.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    value = assignment.Value;
                    return true;
                case IAssignmentOperation assignment when assignment.Target == reference:
                    return true;
                case IIncrementOrDecrementOperation:
                    return true;
                case IArgumentOperation argument:
                    return argument.Syntax is ArgumentSyntax { RefKindKeyword: var keyword } && (keyword.IsKind(SyntaxKind.RefKeyword) || keyword.IsKind(SyntaxKind.OutKeyword));
                case ITupleOperation tuple:
                    IOperation outer = tuple;
                    while (outer.Parent is ITupleOperation enclosing)
                    {
                        outer = enclosing;
                    }

                    return outer.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == outer;
                default:
                    return false;
            }
        }

        // One write, or several that all write the same constant; a write of no plain value (null) leaves none.
        private static IOperation? Single(List<IOperation?> writes)
        {
            if (writes.Count == 0 || writes.Contains(null))
            {
                return null;
            }

            var first = writes[0]!;
            for (var i = 1; i < writes.Count; i++)
            {
                if (!SameConstant(first, writes[i]!))
                {
                    return null;
                }
            }

            return first;
        }

        private static bool SameConstant(IOperation a, IOperation b) =>
            a.ConstantValue.HasValue && b.ConstantValue.HasValue && Equals(a.ConstantValue.Value, b.ConstantValue.Value);

        /// <summary>
        /// A write, anywhere in the field's type, to a member spelled like the field (syntax only, so it may over-match:
        /// <c>other._url = ...</c>, a local of the same name), other than a plain assignment of the same constant as
        /// <paramref name="initialized"/>: an assignment, a deconstruction, <c>++</c>/<c>--</c>, a <c>ref</c>/<c>out</c>
        /// argument.
        /// </summary>
        private static bool IsAssignedInType(IFieldSymbol field, IOperation initialized, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    var written = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                        _ => null,
                    };
                    if (written is null || !Spells(written, field.Name))
                    {
                        continue;
                    }

                    if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: not TupleExpressionSyntax } same
                        && SourceBodies.GetSemanticModel(compilation, same.SyntaxTree).GetConstantValue(same.Right, cancellationToken) is { HasValue: true } constant
                        && initialized.ConstantValue.HasValue && Equals(constant.Value, initialized.ConstantValue.Value))
                    {
                        // `_url = DefaultUrl;` writes the value the initializer gave.
                        continue;
                    }

                    return true;
                }
            }

            return false;
        }

        // `name`, `x.name`, or a tuple (deconstruction target) holding one of them.
        private static bool Spells(ExpressionSyntax target, string name) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
            TupleExpressionSyntax tuple => tuple.Arguments.Any(argument => Spells(argument.Expression, name)),
            _ => false,
        };
    }
}
