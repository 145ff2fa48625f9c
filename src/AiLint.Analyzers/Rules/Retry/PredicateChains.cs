using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Reads the body of a <c>bool</c> predicate as the ways it can answer true. Real helpers test each exception type
    /// that can carry a status in an <c>if</c> of its own (review 19, FP2):
    /// <code>
    /// if (ex is ClientResultException c &amp;&amp; c.Status == 429) return true;
    /// if (ex is HttpRequestException h &amp;&amp; h.StatusCode == HttpStatusCode.TooManyRequests) return true;
    /// return false;
    /// </code>
    /// which answers true exactly when the <c>||</c> of its tests holds, like the one-expression form.
    /// </summary>
    /// <remarks>
    /// Read: a sequence of <c>if (test) return value;</c> (no <c>else</c>; the <c>return</c> alone or alone in a block)
    /// ending in a <c>return</c>. An <c>if (test) return false;</c> only narrows what the later statements see, so it adds
    /// no way to answer true; <c>if (test) return e;</c> answers true when both hold. A final <c>return true;</c> answers
    /// true for everything the tests did not catch, so the body is not read. The chain may start with locals that only
    /// read what the predicate was given (review 27, FP3: <c>var status = (ex as ClientResultException)?.Status;</c>):
    /// each initializer is built from constants, parameters, earlier such locals, conversions, <c>as</c>, <c>?.</c>,
    /// property and field reads, operators and patterns, and the local is never written again, so a test that reads it
    /// is judged with the local standing for its initializer (<see cref="StandIn"/>). Any other statement (a local
    /// initialised by a call or written later, a loop, an assignment, a call, a nested <c>if</c> chain) leaves the body
    /// unread, and the caller treats it as admitting anything.
    /// </remarks>
    internal static class PredicateChains
    {
        /// <summary>
        /// For each way <paramref name="body"/> answers true, the parts whose <c>&amp;&amp;</c> it requires (the <c>if</c>'s test and a
        /// returned value that is not the constant <c>true</c>); an empty list when it always answers false; null when
        /// the body is not such a chain.
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<IOperation>>? YesTests(IBlockOperation body)
        {
            var operations = body.Operations;
            if (operations.Length == 0 || operations[operations.Length - 1] is not IReturnOperation { ReturnedValue: { } last })
            {
                return null;
            }

            var first = FirstAfterReadOnlyLocals(body);
            if (first < 0)
            {
                return null;
            }

            var yes = new List<IReadOnlyList<IOperation>>();
            for (var i = first; i < operations.Length - 1; i++)
            {
                if (operations[i] is not IConditionalOperation { WhenFalse: null, Condition: { } test, WhenTrue: { } whenTrue }
                    || SingleReturn(whenTrue) is not { } value)
                {
                    return null;
                }

                switch (Constant(value))
                {
                    case false:
                        continue; // narrows only
                    case true:
                        yes.Add(new[] { test });
                        break;
                    default:
                        yes.Add(new[] { test, value });
                        break;
                }
            }

            switch (Constant(last))
            {
                case false:
                    return yes;
                case true:
                    return null; // true for everything the ifs let through
                default:
                    yes.Add(new[] { last });
                    return yes;
            }
        }

        /// <summary>
        /// What a read of a local of a chain stands for: for a reference to a local declared at the start of a body
        /// <see cref="YesTests"/> reads (with a readable initializer, never written again), that initializer, unwrapped
        /// and followed through further such locals; otherwise <paramref name="operation"/> unwrapped.
        /// </summary>
        public static IOperation StandIn(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            for (var depth = 0; depth < MaxStandInDepth && operation is ILocalReferenceOperation { Local: { } local } reference; depth++)
            {
                if ((InitializerInChain(reference, local) ?? StatusLocalInitializer(reference, local)) is not { } initializer)
                {
                    break;
                }

                operation = ValueOrigins.Unwrap(initializer);
            }

            return operation;
        }

        private const int MaxStandInDepth = 8;

        /// <summary>
        /// <c>var status = (int)response.StatusCode;</c> (also <c>e.Status</c>, Betalgo's <c>r.HttpStatusCode</c>), never
        /// written again in its block: a read of the local is a read of the status, so <c>if (status == 429)</c> is a
        /// status test. The initializer, or null for any other local.
        /// </summary>
        private static IOperation? StatusLocalInitializer(IOperation reference, ILocalSymbol local)
        {
            for (var ancestor = reference.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor is not IBlockOperation block || !block.Locals.Contains(local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                IOperation? initializer = null;
                foreach (var operation in block.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            initializer = declarator.GetVariableInitializer()?.Value;
                            break;
                        case ILocalReferenceOperation read when SymbolEqualityComparer.Default.Equals(read.Local, local) && IsWritten(read):
                            return null;
                    }
                }

                return initializer is not null
                    && ValueOrigins.Unwrap(initializer) is IPropertyReferenceOperation { Property.Name: "Status" or "StatusCode" or "HttpStatusCode" }
                    ? initializer
                    : null;
            }

            return null;
        }

        private static bool IsWritten(ILocalReferenceOperation read) => read.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == read,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };

        /// <summary>The initializer of <paramref name="local"/> when it is one of the leading locals of an enclosing chain.</summary>
        private static IOperation? InitializerInChain(IOperation reference, ILocalSymbol local)
        {
            for (var ancestor = reference.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor is not IBlockOperation block || !block.Locals.Contains(local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                // The block that declares the local: it must be a chain that is read, with the local among its leading locals.
                if (YesTests(block) is null)
                {
                    return null;
                }

                return LeadingDeclarators(block)
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value;
            }

            return null;
        }

        /// <summary>
        /// The index of the first statement after the leading local declarations of <paramref name="body"/>, when every
        /// one of those locals has a readable initializer (<see cref="IsReadOnly"/>) and is never written by a later
        /// statement; -1 otherwise.
        /// </summary>
        private static int FirstAfterReadOnlyLocals(IBlockOperation body)
        {
            var operations = body.Operations;
            var first = 0;
            while (first < operations.Length && operations[first] is IVariableDeclarationGroupOperation)
            {
                first++;
            }

            if (first == 0)
            {
                return 0;
            }

            var declarators = LeadingDeclarators(body).ToList();
            if (declarators.Any(d => d.Symbol is null || d.Symbol.IsRef || d.Initializer?.Value is not { } value || !IsReadOnly(value, 0)))
            {
                return -1;
            }

            // The declarations must be the whole of their statements (no initializer on the declaration itself, `int a, b = 1`).
            if (operations.Take(first).Cast<IVariableDeclarationGroupOperation>().SelectMany(g => g.Declarations).Any(d => d.Initializer is not null))
            {
                return -1;
            }

            return WrittenAfter(body, first, declarators) ? -1 : first;
        }

        private static IEnumerable<IVariableDeclaratorOperation> LeadingDeclarators(IBlockOperation body) =>
            body.Operations.TakeWhile(o => o is IVariableDeclarationGroupOperation)
                .Cast<IVariableDeclarationGroupOperation>()
                .SelectMany(g => g.Declarations)
                .SelectMany(d => d.Declarators);

        /// <summary>
        /// A statement from <paramref name="first"/> on writes one of the locals (an assignment, <c>++</c>, <c>out</c>/<c>ref</c>,
        /// a lambda that assigns it), or the data flow cannot be read (then it counts as written).
        /// </summary>
        private static bool WrittenAfter(IBlockOperation body, int first, List<IVariableDeclaratorOperation> declarators)
        {
            var operations = body.Operations;
            if (first >= operations.Length || body.SemanticModel is not { } model
                || operations[first].Syntax is not StatementSyntax firstStatement
                || operations[operations.Length - 1].Syntax is not StatementSyntax lastStatement
                || firstStatement.Parent != lastStatement.Parent)
            {
                return true;
            }

            var flow = model.AnalyzeDataFlow(firstStatement, lastStatement);
            return flow is null || !flow.Succeeded
                || declarators.Any(d => flow.WrittenInside.Contains(d.Symbol, SymbolEqualityComparer.Default));
        }

        /// <summary>
        /// A value computed only by reading: constants, parameters, locals, <c>this</c>, conversions (no user-defined
        /// operator), <c>as</c>, <c>?.</c>, property reads without arguments, field reads, built-in operators, <c>?:</c>,
        /// <c>??</c>, type tests and patterns (no positional <c>Deconstruct</c>). A call, a creation, an assignment, an
        /// increment, an <c>await</c>, an indexer or anything else is not.
        /// </summary>
        private static bool IsReadOnly(IOperation operation, int depth)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (depth > MaxReadDepth)
            {
                return false;
            }

            if (operation.ConstantValue.HasValue)
            {
                return true;
            }

            var next = depth + 1;
            switch (operation)
            {
                case ILiteralOperation:
                case IParameterReferenceOperation:
                case ILocalReferenceOperation:
                case IInstanceReferenceOperation:
                case IConditionalAccessInstanceOperation:
                case IDefaultValueOperation:
                case ITypeOfOperation:
                    return true;
                case IConversionOperation conversion:
                    return conversion.OperatorMethod is null && IsReadOnly(conversion.Operand, next);
                case IParenthesizedOperation parenthesized:
                    return IsReadOnly(parenthesized.Operand, next);
                case IConditionalAccessOperation conditional:
                    return IsReadOnly(conditional.Operation, next) && IsReadOnly(conditional.WhenNotNull, next);
                case IPropertyReferenceOperation property:
                    return property.Arguments.Length == 0 && (property.Instance is null || IsReadOnly(property.Instance, next));
                case IFieldReferenceOperation field:
                    return field.Instance is null || IsReadOnly(field.Instance, next);
                case IBinaryOperation binary:
                    return binary.OperatorMethod is null && IsReadOnly(binary.LeftOperand, next) && IsReadOnly(binary.RightOperand, next);
                case IUnaryOperation unary:
                    return unary.OperatorMethod is null && IsReadOnly(unary.Operand, next);
                case ICoalesceOperation coalesce:
                    return IsReadOnly(coalesce.Value, next) && IsReadOnly(coalesce.WhenNull, next);
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    return IsReadOnly(choice.Condition, next) && IsReadOnly(choice.WhenTrue, next) && IsReadOnly(whenFalse, next);
                case IIsTypeOperation isType:
                    return IsReadOnly(isType.ValueOperand, next);
                case IIsPatternOperation isPattern:
                    return IsReadOnly(isPattern.Value, next)
                        && !isPattern.Pattern.DescendantsAndSelf().OfType<IRecursivePatternOperation>().Any(p => p.DeconstructSymbol is not null);
                default:
                    return false;
            }
        }

        private const int MaxReadDepth = 16;

        private static IOperation? SingleReturn(IOperation statement) => statement switch
        {
            IReturnOperation { ReturnedValue: { } value } => value,
            IBlockOperation { Operations.Length: 1 } block => SingleReturn(block.Operations[0]),
            _ => null,
        };

        private static bool? Constant(IOperation value) =>
            ValueOrigins.Unwrap(value).ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;
    }
}
